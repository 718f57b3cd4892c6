using System.Net;

namespace Onboarding.Silo.Aws.Sns;

/// <summary>An SNS error answer (<c>&lt;ErrorResponse&gt;</c>) or an exhausted transient failure.</summary>
public class SnsException(string code, string message, HttpStatusCode statusCode, string? requestId, Exception? innerException = null)
    : Exception($"SNS error {code} (HTTP {(int)statusCode}): {message}", innerException)
{
    /// <summary>The SNS error code, e.g. <c>NotFound</c>.</summary>
    public string Code { get; } = code;

    /// <summary>The service's own message, without the code prefix.</summary>
    public string ErrorMessage { get; } = message;

    public HttpStatusCode StatusCode { get; } = statusCode;

    public string? RequestId { get; } = requestId;
}

/// <summary>The request rate was too high; the client already retried with backoff.</summary>
public sealed class SnsThrottledException(string code, string message, HttpStatusCode statusCode, string? requestId)
    : SnsException(code, message, statusCode, requestId);

/// <summary>The topic (or subscription) does not exist.</summary>
public sealed class SnsNotFoundException(string code, string message, HttpStatusCode statusCode, string? requestId)
    : SnsException(code, message, statusCode, requestId);

/// <summary>A parameter was rejected (<c>InvalidParameter</c>, <c>InvalidParameterValue</c>).</summary>
public sealed class SnsInvalidParameterException(string code, string message, HttpStatusCode statusCode, string? requestId)
    : SnsException(code, message, statusCode, requestId);

/// <summary>The caller is not allowed, or its credentials or signature were refused.</summary>
public sealed class SnsAuthorizationException(string code, string message, HttpStatusCode statusCode, string? requestId)
    : SnsException(code, message, statusCode, requestId);
