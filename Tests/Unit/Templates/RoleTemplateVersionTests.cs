using Onboarding.Grains.Templates;

namespace Onboarding.Tests.Unit.Templates;

/// <summary>A template's version changes with what it grants, and only with that.</summary>
public sealed class RoleTemplateVersionTests
{
    private static string VersionOf(RoleTemplateSpec spec) => RoleTemplateVersion.Of(spec.Grants);

    private static readonly string Base = VersionOf(SampleSpecs.Valid());

    public static TheoryData<string, RoleTemplateSpec> GrantChanges => new()
    {
        { "another managed policy", SampleSpecs.Valid() with { ManagedPolicyArns = [SampleSpecs.SecurityAudit, "arn:aws:iam::aws:policy/ReadOnlyAccess"] } },
        { "an inline policy", SampleSpecs.Valid() with { InlinePolicyDocument = """{"Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}""" } },
        { "another trusted principal", SampleSpecs.Valid() with { TrustedPrincipalArn = "arn:aws:iam::444455556666:role/Scanner" } },
        { "another custom resource type", SampleSpecs.Valid() with { CustomResourceType = "Custom::Other" } },
        { "another service timeout", SampleSpecs.Valid() with { ServiceTimeoutSeconds = 600 } },
    };

    [Theory, MemberData(nameof(GrantChanges))]
    public void A_change_of_what_the_template_grants_is_a_new_version(string change, RoleTemplateSpec spec)
    {
        Assert.True(VersionOf(spec) != Base, change);
    }

    public static TheoryData<string, RoleTemplateSpec> CustomerOrLayoutChanges => new()
    {
        { "another customer", SampleSpecs.Valid() with { CustomerAccountId = "999988887777", ExternalId = "other-external-id", OnboardingToken = "other-token" } },
        { "another topic", SampleSpecs.Valid() with { ServiceTokenTopicArn = "arn:aws:sns:eu-west-1:444455556666:onboarding-2" } },
        { "another description", SampleSpecs.Valid() with { Description = "Reworded." } },
    };

    [Theory, MemberData(nameof(CustomerOrLayoutChanges))]
    public void What_differs_between_customers_or_only_reads_differently_keeps_the_version(string change, RoleTemplateSpec spec)
    {
        Assert.True(VersionOf(spec) == Base, change);
    }

    [Fact]
    public void Policy_order_and_json_layout_are_no_change()
    {
        const string compact = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}""";
        const string spaced = "{ \"Version\": \"2012-10-17\",\n  \"Statement\": [ { \"Effect\": \"Allow\", \"Action\": \"s3:ListAllMyBuckets\", \"Resource\": \"*\" } ] }";
        var two = SampleSpecs.Valid() with { ManagedPolicyArns = [SampleSpecs.SecurityAudit, "arn:aws:iam::aws:policy/ReadOnlyAccess"] };

        Assert.Equal(VersionOf(two), VersionOf(two with { ManagedPolicyArns = [.. two.ManagedPolicyArns.Reverse()] }));
        Assert.Equal(VersionOf(two with { InlinePolicyDocument = compact }), VersionOf(two with { InlinePolicyDocument = spaced }));
    }

    [Fact]
    public void The_version_names_the_renderer_and_a_short_hash()
    {
        Assert.Matches($"^v{RoleTemplateVersion.RendererVersion}-[0-9a-f]{{16}}$", Base);
    }

    [Fact]
    public void The_settings_and_a_rendered_spec_agree_on_the_version()
    {
        var spec = SampleSpecs.Valid();
        var options = new RoleTemplateOptions { ManagedPolicyArns = [.. spec.ManagedPolicyArns], ServiceTimeoutSeconds = spec.ServiceTimeoutSeconds, CustomResourceType = spec.CustomResourceType };

        Assert.Equal(Base, RoleTemplateVersion.Of(RoleTemplateGrants.From(options, spec.TrustedPrincipalArn)));
    }
}
