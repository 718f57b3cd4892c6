using System.Text.Json.Nodes;
using Onboarding.Events;
using Onboarding.Grains.Events;
using Onboarding.Grains.Templates;

namespace Onboarding.Tests.Unit.Events;

/// <summary>A genuine-looking request and the onboarding it belongs to.</summary>
internal static class SampleRequests
{
    public const string Account = "123456789012";
    public const string OtherAccount = "210987654321";
    public const string Region = "eu-west-1";
    public const string TopicArn = "arn:aws:sns:eu-west-1:999999999999:onboarding-events-1";
    public const string StackId = "arn:aws:cloudformation:eu-west-1:123456789012:stack/partner-onboarding/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    public const string RoleArn = "arn:aws:iam::123456789012:role/PartnerAccessRole";
    public const string ExternalId = "ExtIdA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
    public const string Token = "TokA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9";
    public const string ResourceType = "Custom::PartnerRegistration";
    public const string ResponseUrl = "https://cloudformation-custom-resource-response-euwest1.s3.eu-west-1.amazonaws.com/arn%3Aaws%3Acloudformation%3Aeu-west-1%3A123456789012%3Astack/partner-onboarding/0f1e2d3c%7CPartnerRegistration%7Cabc?X-Amz-Signature=secret";

    public static ExpectedCustomer Expected => new(Account, ExternalId, Token, ResourceType, arn => arn == TopicArn);

    public static JsonObject RequestJson(string requestType = "Create") => new()
    {
        ["RequestType"] = requestType,
        ["ServiceToken"] = TopicArn,
        ["ResponseURL"] = ResponseUrl,
        ["StackId"] = StackId,
        ["RequestId"] = "5d1e4f7a-0000-4000-8000-000000000001",
        ["LogicalResourceId"] = "PartnerRegistration",
        ["ResourceType"] = ResourceType,
        ["ResourceProperties"] = new JsonObject
        {
            [CustomResourceProperties.ServiceToken] = TopicArn,
            [CustomResourceProperties.RoleArn] = RoleArn,
            [CustomResourceProperties.AccountId] = Account,
            [CustomResourceProperties.ExternalId] = ExternalId,
            [CustomResourceProperties.OnboardingToken] = Token,
        },
    };

    public static string Envelope(string message) => new JsonObject
    {
        ["Type"] = "Notification",
        ["MessageId"] = "sns-message-1",
        ["TopicArn"] = TopicArn,
        ["Message"] = message,
        ["Timestamp"] = "2026-11-25T10:00:00.000Z",
        ["SignatureVersion"] = "1",
        ["Signature"] = "EXAMPLE",
    }.ToJsonString();

    public static CustomResourceRequest Request(string requestType = "Create", Action<Dictionary<string, string>>? editProperties = null)
    {
        var parsed = CustomResourceMessage.Parse(Envelope(RequestJson(requestType).ToJsonString()));
        Assert.True(parsed.Succeeded, parsed.FailureReason);
        var properties = new Dictionary<string, string>(parsed.Request.ResourceProperties);
        editProperties?.Invoke(properties);
        return parsed.Request with { ResourceProperties = properties };
    }
}
