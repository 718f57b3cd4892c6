using Onboarding.Events;

namespace Onboarding.Organizations;

/// <summary>
/// What the organization made of a Create from its template: refused (<see cref="Refused"/> is the FAILED outcome to
/// answer with), or admitted; a member's customer is then joined with <see cref="Member"/> before its Create is decided.
/// </summary>
[GenerateSerializer, Immutable, Alias("Onboarding.OrganizationAdmission")]
public sealed record OrganizationAdmission(
    [property: Id(0)] StackEventOutcome? Refused,
    [property: Id(1)] OrganizationAttempt? Member);
