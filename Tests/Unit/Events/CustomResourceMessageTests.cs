using System.Text.Json.Nodes;
using Onboarding.Grains.Events;
using Onboarding.Grains.Templates;

namespace Onboarding.Tests.Unit.Events;

public sealed class CustomResourceMessageTests
{
    [Fact]
    public void An_SNS_envelope_yields_the_request_with_the_envelope_topic_and_message_id()
    {
        var result = CustomResourceMessage.Parse(SampleRequests.Envelope(SampleRequests.RequestJson().ToJsonString()));

        Assert.True(result.Succeeded, result.FailureReason);
        var request = result.Request;
        Assert.Equal("Create", request.RequestType);
        Assert.Equal(new Uri(SampleRequests.ResponseUrl), request.ResponseUrl);
        Assert.Equal(SampleRequests.StackId, request.StackId);
        Assert.Equal("5d1e4f7a-0000-4000-8000-000000000001", request.RequestId);
        Assert.Equal(SampleRequests.ResourceType, request.ResourceType);
        Assert.Equal("PartnerRegistration", request.LogicalResourceId);
        Assert.Null(request.PhysicalResourceId);
        Assert.Equal(SampleRequests.RoleArn, request.ResourceProperties[CustomResourceProperties.RoleArn]);
        Assert.Equal(SampleRequests.Token, request.ResourceProperties[CustomResourceProperties.OnboardingToken]);
        Assert.Equal(SampleRequests.TopicArn, request.SourceTopicArn);
        Assert.Equal("sns-message-1", request.MessageId);
    }

    [Fact]
    public void The_envelope_topic_wins_over_the_ServiceToken_in_the_message()
    {
        var json = SampleRequests.RequestJson();
        json["ServiceToken"] = "arn:aws:sns:eu-west-1:111111111111:somewhere-else";
        var result = CustomResourceMessage.Parse(SampleRequests.Envelope(json.ToJsonString()));

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(SampleRequests.TopicArn, result.Request.SourceTopicArn);
    }

    [Fact]
    public void Raw_delivery_takes_the_topic_from_the_top_level_ServiceToken()
    {
        var json = SampleRequests.RequestJson("Update");
        json["PhysicalResourceId"] = "onboarding-123456789012-00112233aabbccdd";
        json["OldResourceProperties"] = new JsonObject { ["RoleArn"] = "arn:aws:iam::123456789012:role/Old" };
        json["ServiceToken"] = "arn:aws:sns:eu-west-1:999999999999:top-level";

        var result = CustomResourceMessage.Parse(json.ToJsonString());

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal("arn:aws:sns:eu-west-1:999999999999:top-level", result.Request.SourceTopicArn);
        Assert.Null(result.Request.MessageId);
        Assert.Equal("onboarding-123456789012-00112233aabbccdd", result.Request.PhysicalResourceId);
        Assert.Equal("arn:aws:iam::123456789012:role/Old", result.Request.OldResourceProperties![CustomResourceProperties.RoleArn]);
    }

    [Fact]
    public void Raw_delivery_without_a_top_level_ServiceToken_falls_back_to_the_property()
    {
        var json = SampleRequests.RequestJson();
        json.Remove("ServiceToken");
        json["ResourceProperties"]!["ServiceToken"] = "arn:aws:sns:eu-west-1:999999999999:from-properties";

        var result = CustomResourceMessage.Parse(json.ToJsonString());

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal("arn:aws:sns:eu-west-1:999999999999:from-properties", result.Request.SourceTopicArn);
    }

    [Fact]
    public void Raw_delivery_without_any_ServiceToken_fails()
    {
        var json = SampleRequests.RequestJson();
        json.Remove("ServiceToken");
        json["ResourceProperties"]!.AsObject().Remove("ServiceToken");

        AssertFails(json.ToJsonString(), "topic");
    }

    [Fact]
    public void Nested_and_non_string_property_values_are_kept_as_text()
    {
        var json = SampleRequests.RequestJson();
        var properties = json["ResourceProperties"]!.AsObject();
        properties["Count"] = 42;
        properties["Ratio"] = 1.5;
        properties["Enabled"] = true;
        properties["Nothing"] = null;
        properties["Tags"] = new JsonArray("a", 1, new JsonObject { ["k"] = "v" });
        properties["Nested"] = new JsonObject { ["Inner"] = new JsonObject { ["Deep"] = false } };

        var result = CustomResourceMessage.Parse(SampleRequests.Envelope(json.ToJsonString()));

        Assert.True(result.Succeeded, result.FailureReason);
        var values = result.Request.ResourceProperties;
        Assert.Equal("42", values["Count"]);
        Assert.Equal("1.5", values["Ratio"]);
        Assert.Equal("true", values["Enabled"]);
        Assert.False(values.ContainsKey("Nothing"));
        Assert.Equal("""["a",1,{"k":"v"}]""", values["Tags"]);
        Assert.Equal("""{"Inner":{"Deep":false}}""", values["Nested"]);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("not json at all", "not JSON")]
    [InlineData("{\"RequestType\":", "not JSON")]
    [InlineData("[1,2,3]", "not a JSON object")]
    [InlineData("\"a string\"", "not a JSON object")]
    [InlineData("{}", "without RequestType")]
    [InlineData("{\"hello\":\"world\"}", "without RequestType")]
    public void Malformed_bodies_fail_with_a_reason(string body, string reasonPart) => AssertFails(body, reasonPart);

    [Theory]
    [InlineData("RequestType")]
    [InlineData("ResponseURL")]
    [InlineData("StackId")]
    [InlineData("RequestId")]
    [InlineData("ResourceType")]
    [InlineData("LogicalResourceId")]
    public void Each_required_field_is_required(string field)
    {
        var json = SampleRequests.RequestJson();
        json.Remove(field);
        AssertFails(SampleRequests.Envelope(json.ToJsonString()), field);
    }

    [Theory]
    [InlineData("ResponseURL")]
    [InlineData("StackId")]
    [InlineData("RequestType")]
    public void A_required_field_of_the_wrong_type_fails(string field)
    {
        var json = SampleRequests.RequestJson();
        json[field] = 12345;
        AssertFails(SampleRequests.Envelope(json.ToJsonString()), field);
    }

    [Fact]
    public void Field_names_are_case_sensitive()
    {
        var json = SampleRequests.RequestJson();
        json["ResponseUrl"] = json["ResponseURL"]!.GetValue<string>();
        json.Remove("ResponseURL");
        AssertFails(SampleRequests.Envelope(json.ToJsonString()), "ResponseURL");
    }

    [Theory]
    [InlineData("/relative/path")]
    [InlineData("relative")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://bucket.s3.amazonaws.com/x")]
    public void A_ResponseURL_that_is_not_an_absolute_http_URL_fails(string url)
    {
        var json = SampleRequests.RequestJson();
        json["ResponseURL"] = url;
        AssertFails(SampleRequests.Envelope(json.ToJsonString()), "ResponseURL");
    }

    [Fact]
    public void ResourceProperties_that_are_not_an_object_fail()
    {
        var json = SampleRequests.RequestJson();
        json["ResourceProperties"] = "RoleArn=x";
        AssertFails(SampleRequests.Envelope(json.ToJsonString()), "ResourceProperties");
    }

    [Fact]
    public void An_envelope_whose_Message_is_not_a_string_fails()
    {
        var envelope = JsonNode.Parse(SampleRequests.Envelope("{}"))!.AsObject();
        envelope["Message"] = SampleRequests.RequestJson();
        AssertFails(envelope.ToJsonString(), "Message is not a string");
    }

    [Fact]
    public void An_envelope_whose_Message_is_not_JSON_fails() =>
        AssertFails(SampleRequests.Envelope("hello"), "Message is not JSON");

    [Fact]
    public void An_envelope_that_is_not_a_Notification_fails()
    {
        var envelope = JsonNode.Parse(SampleRequests.Envelope(SampleRequests.RequestJson().ToJsonString()))!.AsObject();
        envelope["Type"] = "SubscriptionConfirmation";
        AssertFails(envelope.ToJsonString(), "not a Notification");
    }

    [Fact]
    public void An_envelope_without_TopicArn_fails()
    {
        var envelope = JsonNode.Parse(SampleRequests.Envelope(SampleRequests.RequestJson().ToJsonString()))!.AsObject();
        envelope.Remove("TopicArn");
        AssertFails(envelope.ToJsonString(), "TopicArn");
    }

    [Fact]
    public void A_body_over_the_SQS_limit_fails_and_one_at_the_limit_does_not()
    {
        var json = SampleRequests.RequestJson();
        json["ResourceProperties"]!["Padding"] = "";
        var baseLength = json.ToJsonString().Length;
        json["ResourceProperties"]!["Padding"] = new string('x', CustomResourceMessage.MaxBodyBytes - baseLength);
        var atLimit = json.ToJsonString();
        Assert.Equal(CustomResourceMessage.MaxBodyBytes, atLimit.Length);

        Assert.True(CustomResourceMessage.Parse(atLimit).Succeeded);
        AssertFails(atLimit.Insert(1, " "), "over");
    }

    [Fact]
    public void The_size_limit_counts_UTF8_bytes_not_characters()
    {
        // 100,000 three-byte characters: under the limit in chars, over it in bytes.
        var json = SampleRequests.RequestJson();
        json["ResourceProperties"]!["Padding"] = new string('€', 100_000);
        AssertFails(json.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), "over");
    }

    [Fact]
    public void Duplicate_field_names_fail()
    {
        var body = SampleRequests.RequestJson().ToJsonString().Replace(
            "\"StackId\":", "\"StackId\":\"arn:aws:cloudformation:eu-west-1:210987654321:stack/x/y\",\"StackId\":", StringComparison.Ordinal);
        AssertFails(body, "not JSON");
    }

    [Fact]
    public void A_lone_surrogate_escape_fails_without_throwing()
    {
        var body = SampleRequests.RequestJson().ToJsonString().Replace("\"PartnerRegistration\"", "\"\\ud800\"", StringComparison.Ordinal);
        var result = CustomResourceMessage.Parse(body);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public void Deeply_nested_JSON_fails()
    {
        var body = new string('[', 200) + new string(']', 200);
        AssertFails(body, "not JSON");
    }

    private static void AssertFails(string body, string reasonPart)
    {
        var result = CustomResourceMessage.Parse(body);
        Assert.False(result.Succeeded);
        Assert.Null(result.Request);
        Assert.Contains(reasonPart, result.FailureReason, StringComparison.Ordinal);
    }
}
