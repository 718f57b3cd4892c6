namespace Onboarding.Telemetry;

/// <summary>
/// How the id of the request that caused a grain call (the API's HTTP request, or CloudFormation's
/// RequestId) travels: in the Orleans <c>RequestContext</c> across the call, then as a log scope.
/// </summary>
public static class RequestIds
{
    public const string ContextKey = "onboarding.request-id";
    public const string LogScopeKey = "RequestId";
    public const string AccountScopeKey = "AccountId";
}
