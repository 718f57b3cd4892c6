using Onboarding.Events;
using Onboarding.Grains.Events;
using Onboarding.Grains.Templates;

namespace Onboarding.Tests.Unit.Events;

public sealed class CustomResourceChecksTests
{
    [Theory]
    [InlineData("Create")]
    [InlineData("Update")]
    [InlineData("Delete")]
    public void A_genuine_request_passes(string requestType)
    {
        var result = CustomResourceChecks.Verify(SampleRequests.Request(requestType), SampleRequests.Expected);

        Assert.True(result.Passed);
        Assert.Equal(FailedChecks.None, result.Failed);
        Assert.Null(result.PublicReason);
        Assert.Null(result.SecurityDetail);
    }

    [Fact]
    public void The_AccountId_property_is_optional()
    {
        var request = SampleRequests.Request(editProperties: p => p.Remove(CustomResourceProperties.AccountId));
        Assert.True(CustomResourceChecks.Verify(request, SampleRequests.Expected).Passed);
    }

    public static TheoryData<string, Func<CustomResourceRequest, CustomResourceRequest>, FailedChecks, string> Forgeries => new()
    {
        { "unknown request type", r => r with { RequestType = "Replace" }, FailedChecks.RequestType, CustomResourceChecks.RequestTypeReason },
        { "lower-case request type", r => r with { RequestType = "create" }, FailedChecks.RequestType, CustomResourceChecks.RequestTypeReason },
        { "unknown resource type", r => r with { ResourceType = "Custom::Other" }, FailedChecks.ResourceType, CustomResourceChecks.ResourceTypeReason },
        { "foreign topic", r => r with { SourceTopicArn = "arn:aws:sns:eu-west-1:666666666666:evil" }, FailedChecks.SourceTopic, CustomResourceChecks.MismatchReason },
        { "stack in another account", r => r with { StackId = SampleRequests.StackId.Replace(SampleRequests.Account, SampleRequests.OtherAccount) }, FailedChecks.StackAccount, CustomResourceChecks.MismatchReason },
        { "malformed stack id", r => r with { StackId = "arn:aws:cloudformation:eu-west-1:123456789012:stack" }, FailedChecks.StackIdFormat, CustomResourceChecks.StackIdReason },
        { "stack id with a trailing newline", r => r with { StackId = SampleRequests.StackId + "\n" }, FailedChecks.StackIdFormat, CustomResourceChecks.StackIdReason },
        { "stack id of another service", r => r with { StackId = SampleRequests.StackId.Replace(":cloudformation:", ":s3:") }, FailedChecks.StackIdFormat, CustomResourceChecks.StackIdReason },
        { "wrong external id", Edit(p => p[CustomResourceProperties.ExternalId] = SampleRequests.ExternalId[..^1] + "X"), FailedChecks.ExternalId, CustomResourceChecks.MismatchReason },
        { "missing external id", Edit(p => p.Remove(CustomResourceProperties.ExternalId)), FailedChecks.ExternalId, CustomResourceChecks.MismatchReason },
        { "external id prefix", Edit(p => p[CustomResourceProperties.ExternalId] = SampleRequests.ExternalId[..10]), FailedChecks.ExternalId, CustomResourceChecks.MismatchReason },
        { "wrong token", Edit(p => p[CustomResourceProperties.OnboardingToken] = "guess"), FailedChecks.OnboardingToken, CustomResourceChecks.MismatchReason },
        { "missing token", Edit(p => p.Remove(CustomResourceProperties.OnboardingToken)), FailedChecks.OnboardingToken, CustomResourceChecks.MismatchReason },
        { "role in another account", Edit(p => p[CustomResourceProperties.RoleArn] = $"arn:aws:iam::{SampleRequests.OtherAccount}:role/PartnerAccessRole"), FailedChecks.RoleAccount, CustomResourceChecks.RoleAccountReason },
        { "role in another partition", Edit(p => p[CustomResourceProperties.RoleArn] = SampleRequests.RoleArn.Replace("arn:aws:", "arn:aws-cn:")), FailedChecks.RoleAccount, CustomResourceChecks.RoleAccountReason },
        { "user instead of role", Edit(p => p[CustomResourceProperties.RoleArn] = $"arn:aws:iam::{SampleRequests.Account}:user/alice"), FailedChecks.RoleArnFormat, CustomResourceChecks.RoleArnFormatReason },
        { "account root instead of role", Edit(p => p[CustomResourceProperties.RoleArn] = $"arn:aws:iam::{SampleRequests.Account}:root"), FailedChecks.RoleArnFormat, CustomResourceChecks.RoleArnFormatReason },
        { "assumed-role session", Edit(p => p[CustomResourceProperties.RoleArn] = $"arn:aws:sts::{SampleRequests.Account}:assumed-role/PartnerAccessRole/s"), FailedChecks.RoleArnFormat, CustomResourceChecks.RoleArnFormatReason },
        { "missing role", Edit(p => p.Remove(CustomResourceProperties.RoleArn)), FailedChecks.RoleArnFormat, CustomResourceChecks.RoleArnFormatReason },
        { "AccountId property of another account", Edit(p => p[CustomResourceProperties.AccountId] = SampleRequests.OtherAccount), FailedChecks.AccountIdProperty, CustomResourceChecks.MismatchReason },
    };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public void Each_forged_field_fails_with_its_reason_and_reveals_nothing(
        string forgery, Func<CustomResourceRequest, CustomResourceRequest> forge, FailedChecks expectedCheck, string expectedReason)
    {
        var result = CustomResourceChecks.Verify(forge(SampleRequests.Request()), SampleRequests.Expected);

        Assert.False(result.Passed, forgery);
        Assert.Equal(expectedCheck, result.Failed);
        Assert.Equal(expectedReason, result.PublicReason);
        Assert.NotNull(result.SecurityDetail);
        Assert.Contains(expectedCheck.ToString(), result.SecurityDetail, StringComparison.Ordinal);
        foreach (var text in new[] { result.PublicReason!, result.SecurityDetail! })
        {
            Assert.DoesNotContain(SampleRequests.ExternalId, text, StringComparison.Ordinal);
            Assert.DoesNotContain(SampleRequests.Token, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_security_detail_names_the_claimed_values()
    {
        var forged = SampleRequests.Request() with { StackId = SampleRequests.StackId.Replace(SampleRequests.Account, SampleRequests.OtherAccount) };

        var result = CustomResourceChecks.Verify(forged, SampleRequests.Expected);

        Assert.Contains(forged.StackId, result.SecurityDetail, StringComparison.Ordinal);
        Assert.Contains(SampleRequests.RoleArn, result.SecurityDetail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_claimed_secret_is_logged_as_a_fingerprint_only()
    {
        // A near-miss token may be a real secret sent to the wrong place: it must not reach the logs.
        var nearMiss = SampleRequests.Token[..^1] + "Z";
        var forged = SampleRequests.Request(editProperties: p => p[CustomResourceProperties.OnboardingToken] = nearMiss);

        var result = CustomResourceChecks.Verify(forged, SampleRequests.Expected);

        Assert.DoesNotContain(nearMiss, result.SecurityDetail, StringComparison.Ordinal);
        Assert.Contains("sha256", result.SecurityDetail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Delete_with_a_wrong_token_reports_the_failure_for_the_caller_to_weigh()
    {
        var forged = SampleRequests.Request("Delete", p => p[CustomResourceProperties.OnboardingToken] = "wrong");

        var result = CustomResourceChecks.Verify(forged, SampleRequests.Expected);

        Assert.False(result.Passed);
        Assert.Equal(FailedChecks.OnboardingToken, result.Failed);
    }

    [Fact]
    public void All_failed_checks_are_reported_and_the_reason_is_the_first_in_order()
    {
        var forged = SampleRequests.Request(editProperties: p =>
        {
            p[CustomResourceProperties.ExternalId] = "wrong";
            p[CustomResourceProperties.RoleArn] = "not-an-arn";
        }) with { ResourceType = "Custom::Other" };

        var result = CustomResourceChecks.Verify(forged, SampleRequests.Expected);

        Assert.Equal(FailedChecks.ResourceType | FailedChecks.RoleArnFormat | FailedChecks.ExternalId, result.Failed);
        Assert.Equal(CustomResourceChecks.ResourceTypeReason, result.PublicReason);
    }

    [Fact]
    public void A_topic_in_another_region_than_the_stack_fails()
    {
        const string otherRegionTopic = "arn:aws:sns:us-east-1:999999999999:onboarding-events-1";
        var expected = SampleRequests.Expected with { IsOwnTopic = _ => true };

        var result = CustomResourceChecks.Verify(SampleRequests.Request() with { SourceTopicArn = otherRegionTopic }, expected);

        Assert.Equal(FailedChecks.SourceTopic, result.Failed);
    }

    [Fact]
    public void Expected_customer_ToString_hides_the_secrets()
    {
        var text = SampleRequests.Expected.ToString();
        Assert.Contains(SampleRequests.Account, text, StringComparison.Ordinal);
        Assert.DoesNotContain(SampleRequests.ExternalId, text, StringComparison.Ordinal);
        Assert.DoesNotContain(SampleRequests.Token, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Stack_arns_parse_into_their_parts()
    {
        Assert.True(CloudFormationStackArn.TryParse(SampleRequests.StackId, out var arn));
        Assert.Equal(new CloudFormationStackArn("aws", SampleRequests.Region, SampleRequests.Account, "partner-onboarding", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"), arn);
        Assert.True(CloudFormationStackArn.TryParse("arn:aws-us-gov:cloudformation:us-gov-west-1:123456789012:stack/s/1", out var gov));
        Assert.Equal("us-gov-west-1", gov.Region);
        Assert.False(CloudFormationStackArn.TryParse("arn:aws:cloudformation:eu-west-1:١٢٣٤٥٦٧٨٩٠١٢:stack/s/1", out _));
        Assert.False(CloudFormationStackArn.TryParse(null, out _));
    }

    private static Func<CustomResourceRequest, CustomResourceRequest> Edit(Action<Dictionary<string, string>> edit) => request =>
    {
        var properties = new Dictionary<string, string>(request.ResourceProperties);
        edit(properties);
        return request with { ResourceProperties = properties };
    };
}
