using Onboarding.Api.Pages.Onboarding;
using Onboarding.Grains.CustomerPages;

namespace Onboarding.Tests.Unit.Pages;

public sealed class InlinePolicySummaryTests
{
    [Fact]
    public void Each_statement_reads_as_one_sentence_with_its_actions_resources_and_conditions()
    {
        var statements = InlinePolicySummary.Summarize("""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"arn:aws:s3:::reports/*",
               "Condition":{"StringEquals":{"aws:RequestedRegion":["eu-west-1","eu-west-2"]}}},
              {"Effect":"Deny","NotAction":"iam:*","Resource":"*"}]}
            """);

        Assert.Equal(
        [
            "Allows s3:GetObject and s3:ListBucket on arn:aws:s3:::reports/*, only when StringEquals aws:RequestedRegion: eu-west-1, eu-west-2.",
            "Denies every action except iam:* on every resource.",
        ], statements.Select(RoleAccessText.Statement));
    }

    [Fact]
    public void A_single_statement_object_and_a_wildcard_action_are_read_too()
    {
        var statement = Assert.Single(InlinePolicySummary.Summarize("""{"Statement":{"Effect":"Allow","Action":"*","NotResource":["arn:aws:s3:::secret","arn:aws:s3:::private"]}}"""));

        Assert.Equal("Allows every action on every resource except arn:aws:s3:::secret and arn:aws:s3:::private.", RoleAccessText.Statement(statement));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("""{"Version":"2012-10-17"}""")]
    public void No_inline_policy_summarises_to_nothing(string? document) => Assert.Empty(InlinePolicySummary.Summarize(document));

    [Theory]
    [InlineData("arn:aws:iam::aws:policy/SecurityAudit", "SecurityAudit (an AWS managed policy)")]
    [InlineData("arn:aws:iam::aws:policy/job-function/ViewOnlyAccess", "ViewOnlyAccess (an AWS managed policy)")]
    [InlineData("arn:aws:iam::111122223333:policy/PartnerRead", "PartnerRead (arn:aws:iam::111122223333:policy/PartnerRead)")]
    public void Managed_policies_are_named_and_the_partners_own_say_where_they_live(string arn, string expected) =>
        Assert.Equal(expected, RoleAccessText.ManagedPolicy(arn));
}
