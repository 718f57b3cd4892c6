using Onboarding.Grains.Templates;

namespace Onboarding.Tests.Unit.Templates;

internal static class SampleSpecs
{
    public const string CustomerAccountId = "111122223333";
    public const string PartnerRoot = "arn:aws:iam::444455556666:root";
    public const string TopicArn = "arn:aws:sns:eu-west-1:444455556666:onboarding-1";
    public const string ExternalId = "ext-3f1c9a7e+b=2,c.d@e:f/g";
    public const string Token = "tok_6b1f0c2d";
    public const string SecurityAudit = "arn:aws:iam::aws:policy/SecurityAudit";

    public static RoleTemplateSpec Valid() => new()
    {
        CustomerAccountId = CustomerAccountId,
        ExternalId = ExternalId,
        OnboardingToken = Token,
        TrustedPrincipalArn = PartnerRoot,
        ServiceTokenTopicArn = TopicArn,
        ManagedPolicyArns = [SecurityAudit],
        ServiceTimeoutSeconds = 300,
        CustomResourceType = "Custom::PartnerOnboarding",
        Description = "Grants Example Partner read-only audit access.",
    };
}
