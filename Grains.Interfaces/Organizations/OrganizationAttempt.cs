using System.Text;

namespace Onboarding.Organizations;

/// <summary>
/// What an organization onboarding hands each of its customers (the management account, every member): one external id,
/// one organization token and one topic for all of them, in the organization's one region.
/// </summary>
[GenerateSerializer, Immutable, Alias("Onboarding.OrganizationAttempt")]
public sealed record OrganizationAttempt(
    [property: Id(0)] OrganizationLink Organization,
    [property: Id(1)] string Region,
    [property: Id(2)] string? Reference,
    [property: Id(3)] string TopicArn,
    [property: Id(4)] string ExternalId,
    [property: Id(5)] string OrganizationToken)
{
    // The generated ToString would print the external id and token into any log that formats this.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"{nameof(Organization)} = {Organization.OrganizationId}, {nameof(Region)} = {Region}");
        return true;
    }
}
