namespace Onboarding.Api.Problems;

/// <summary>Stable problem "type" URIs, one per error kind; clients may switch on them.</summary>
public static class ProblemTypes
{
    private const string Base = "https://onboarding.example/problems/";

    public const string InvalidRequest = Base + "invalid-request";
    public const string NotFound = Base + "not-found";
    public const string InvalidTransition = Base + "invalid-transition";
    public const string RegionMismatch = Base + "region-mismatch";
    public const string ReferenceConflict = Base + "reference-conflict";
    public const string DependencyUnavailable = Base + "dependency-unavailable";
    public const string Unauthorized = Base + "unauthorized";
    public const string Forbidden = Base + "forbidden";
    public const string TooManyRequests = Base + "too-many-requests";
    public const string InvalidCursor = Base + "invalid-cursor";
    public const string UnsupportedMediaType = Base + "unsupported-media-type";
    public const string LinkGone = Base + "link-gone";
    public const string LaunchUnavailable = Base + "launch-unavailable";
}
