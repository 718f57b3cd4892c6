using Onboarding.CustomerSimulation.LocalAws;
using Onboarding.Grains.Templates;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Unit.Templates;

namespace Onboarding.Tests.Integration.Identity;

/// <summary>
/// A customer's role as its stack creates it from the service's real template (rendered for the
/// stand-ins' owner account as the partner), registered with the STS stand-in by the CloudFormation simulator.
/// </summary>
internal sealed record CustomerRole(string AccountId, string ExternalId, StackRole Role)
{
    public const string PartnerRoot = $"arn:aws:iam::{LocalAwsAccounts.OwnerAccountId}:root";

    public static async Task<CustomerRole> CreateAsync(CloudFormationSimulator cloudFormation, DateTimeOffset? notAssumableUntil = null)
    {
        var account = TestAccounts.Next();
        var externalId = "ext-" + Guid.NewGuid().ToString("N");
        var template = RoleTemplateRenderer.Render(SampleSpecs.Valid() with
        {
            CustomerAccountId = account,
            ExternalId = externalId,
            TrustedPrincipalArn = PartnerRoot,
            ServiceTokenTopicArn = "arn:aws:sns:us-east-1:000000000000:onboarding-events",
        });
        var stack = LaunchedStack.FromTemplate(template, account, "us-east-1");
        return new CustomerRole(account, externalId, await cloudFormation.CreateRoleAsync(stack, template, notAssumableUntil));
    }
}
