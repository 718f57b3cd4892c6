using System.Text.Json.Nodes;

namespace Onboarding.CustomerSimulation.CloudFormation;

/// <summary>The request JSON CloudFormation publishes to an SNS-backed custom resource's ServiceToken topic.</summary>
public static class CustomResourceRequests
{
    public const string Create = "Create";
    public const string Update = "Update";
    public const string Delete = "Delete";
    public const string LogicalResourceId = "PartnerRegistration";

    /// <summary>
    /// The documented fields: PhysicalResourceId only with Update and Delete (never with Create),
    /// OldResourceProperties only with Update, and the properties as strings including ServiceToken.
    /// </summary>
    public static JsonObject Build(LaunchedStack stack, string requestType, string responseUrl, string? physicalResourceId, string? requestId = null, IReadOnlyDictionary<string, string>? oldProperties = null)
    {
        var request = new JsonObject
        {
            ["RequestType"] = requestType,
            ["ServiceToken"] = stack.TopicArn,
            ["ResponseURL"] = responseUrl,
            ["StackId"] = stack.StackId,
            ["RequestId"] = requestId ?? Guid.NewGuid().ToString(),
            ["LogicalResourceId"] = LogicalResourceId,
            ["ResourceType"] = stack.ResourceType,
            ["ResourceProperties"] = ToJson(stack.Properties),
        };
        if (physicalResourceId is not null) request["PhysicalResourceId"] = physicalResourceId;
        if (requestType == Update) request["OldResourceProperties"] = ToJson(oldProperties ?? stack.Properties);
        return request;
    }

    private static JsonObject ToJson(IReadOnlyDictionary<string, string> properties)
    {
        var json = new JsonObject();
        foreach (var (name, value) in properties) json[name] = value;
        return json;
    }
}
