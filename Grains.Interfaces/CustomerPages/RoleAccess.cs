namespace Onboarding.CustomerPages;

/// <summary>
/// What the role in every customer's template grants, for the customer's page: the same for every customer
/// (it comes from the silo's configuration), so it is read once per page, not per customer.
/// </summary>
/// <param name="PartnerAccountId">The partner's AWS account.</param>
/// <param name="TrustedPrincipalArn">The principal the role trusts (the partner account's root or one of its roles).</param>
/// <param name="ManagedPolicyArns">Managed policies attached to the role.</param>
/// <param name="InlinePolicy">The inline policy's statements, summarised; empty when there is none.</param>
[GenerateSerializer, Immutable, Alias("Onboarding.RoleAccess")]
public sealed record RoleAccess(
    [property: Id(0)] string PartnerAccountId,
    [property: Id(1)] string TrustedPrincipalArn,
    [property: Id(2)] IReadOnlyList<string> ManagedPolicyArns,
    [property: Id(3)] IReadOnlyList<PolicyStatementSummary> InlinePolicy);

/// <summary>
/// One statement of an IAM policy, read for a person: what it allows or denies, on what, under which conditions.
/// <paramref name="Actions"/> and <paramref name="Resources"/> are as the policy writes them (wildcards included);
/// the <c>Not</c> flags say the statement names what it excludes (NotAction, NotResource).
/// </summary>
[GenerateSerializer, Immutable, Alias("Onboarding.PolicyStatementSummary")]
public sealed record PolicyStatementSummary(
    [property: Id(0)] bool Allow,
    [property: Id(1)] IReadOnlyList<string> Actions,
    [property: Id(2)] bool NotActions,
    [property: Id(3)] IReadOnlyList<string> Resources,
    [property: Id(4)] bool NotResources,
    [property: Id(5)] IReadOnlyList<string> Conditions);
