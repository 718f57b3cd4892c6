namespace Onboarding.Grains.Events;

/// <summary>Field names of a CloudFormation custom-resource request, case as CloudFormation sends them.</summary>
public static class RequestFields
{
    public const string RequestType = "RequestType";
    public const string ResponseUrl = "ResponseURL";
    public const string StackId = "StackId";
    public const string RequestId = "RequestId";
    public const string ResourceType = "ResourceType";
    public const string LogicalResourceId = "LogicalResourceId";
    public const string PhysicalResourceId = "PhysicalResourceId";
    public const string ResourceProperties = "ResourceProperties";
    public const string OldResourceProperties = "OldResourceProperties";
    public const string ServiceToken = "ServiceToken";

    public static readonly IReadOnlyList<string> Required =
        [RequestType, ResponseUrl, StackId, RequestId, ResourceType, LogicalResourceId];
}
