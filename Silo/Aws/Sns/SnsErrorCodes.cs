using System.Net;

namespace Onboarding.Silo.Aws.Sns;

/// <summary>Maps an SNS error answer to the typed exception callers can catch.</summary>
internal static class SnsErrorCodes
{
    private static readonly HashSet<string> NotFound = new(StringComparer.Ordinal) { "NotFound", "NotFoundException" };

    private static readonly HashSet<string> InvalidParameter = new(StringComparer.Ordinal)
    {
        "InvalidParameter", "InvalidParameterValue", "InvalidParameterException", "InvalidParameterValueException",
    };

    private static readonly HashSet<string> Authorization = new(StringComparer.Ordinal)
    {
        "AuthorizationError", "AccessDenied", "AccessDeniedException", "InvalidClientTokenId", "SignatureDoesNotMatch",
        "IncompleteSignature", "MissingAuthenticationToken", "ExpiredToken", "InvalidSecurity",
    };

    public static SnsException ToException(string code, string message, HttpStatusCode status, string? requestId)
    {
        if (AwsThrottlingCodes.Contains(code) || status == HttpStatusCode.TooManyRequests)
            return new SnsThrottledException(code, message, status, requestId);
        if (NotFound.Contains(code)) return new SnsNotFoundException(code, message, status, requestId);
        if (InvalidParameter.Contains(code)) return new SnsInvalidParameterException(code, message, status, requestId);
        if (Authorization.Contains(code) || status == HttpStatusCode.Forbidden)
            return new SnsAuthorizationException(code, message, status, requestId);
        return new SnsException(code, message, status, requestId);
    }

    /// <summary>Throttling and server-side failures may succeed later; everything else would fail again.</summary>
    public static bool IsTransient(SnsException error) =>
        error is SnsThrottledException || (int)error.StatusCode >= (int)HttpStatusCode.InternalServerError;
}
