using System.Text.Json.Serialization;

namespace Onboarding.Grains.Organizations;

/// <summary>
/// Work an organization decision leaves to do (see <see cref="OrganizationWorkflow"/>), persisted with the move and run
/// in order by <see cref="OrganizationEffectRunner"/>; each one idempotent.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "effect")]
[JsonDerivedType(typeof(AdmitOrganization), "admit-organization")]
[JsonDerivedType(typeof(DismissOrganization), "dismiss-organization")]
[JsonDerivedType(typeof(OffBoardAccount), "off-board-account")]
[GenerateSerializer, Alias("Onboarding.OrganizationEffect")]
public abstract record OrganizationEffect;

/// <summary>Adds the organization's statement (aws:PrincipalOrgID) to the topic's policy: members can send their first Create.</summary>
[GenerateSerializer, Alias("Onboarding.AdmitOrganization")]
public sealed record AdmitOrganization([property: Id(0)] string TopicArn) : OrganizationEffect;

/// <summary>Takes the organization's statement off the topic's policy (members keep their own statements until they leave).</summary>
[GenerateSerializer, Alias("Onboarding.DismissOrganization")]
public sealed record DismissOrganization([property: Id(0)] string TopicArn) : OrganizationEffect;

/// <summary>Off-boards one account of the organization (its customer leaves the topic once its stack's Delete came).</summary>
[GenerateSerializer, Alias("Onboarding.OffBoardAccount")]
public sealed record OffBoardAccount([property: Id(0)] string AccountId, [property: Id(1)] string Reason) : OrganizationEffect;
