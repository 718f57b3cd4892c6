using System.Collections.Frozen;
using Onboarding.Customers;
using static Onboarding.Customers.OnboardingState;
using static Onboarding.Customers.OnboardingTrigger;

namespace Onboarding.Grains.Customers;

/// <summary>
/// Every allowed move of a customer, in one table. A (state, trigger) pair that is not listed is
/// refused. Every row applied is recorded in the history, self-rows included (Reprompted, StackUpdated, RoleRejected),
/// with one exception: Start on an onboarding in flight is a silent resume of the same attempt.
/// README's "How it works" draws this table; a unit test keeps the two equal.
/// </summary>
public static class OnboardingStateMachine
{
    public sealed record Transition(OnboardingState From, OnboardingTrigger Trigger, OnboardingState To);

    public static IReadOnlyList<Transition> Table { get; } =
    [
        new(None, Start, Pending),
        new(Removed, Start, Pending),           // a customer may onboard again, with a new external id
        new(Pending, Start, Pending),           // resume: finish the remaining steps
        new(Templated, Start, Templated),       // resume: same external id, a valid launch URL

        new(Pending, TemplatePublished, Templated),
        new(Templated, Reprompted, Templated),  // stays Templated; recorded in the history
        new(Templated, LinkRenewed, Templated), // renewed on request; recorded with who asked

        new(Templated, StackCreated, Activating),   // role verified, answered SUCCESS; not Active until CloudFormation accepts it
        new(Templated, RoleRejected, Templated),    // the stack's role failed verification: answered FAILED, the stack rolls back
        new(Activating, AnswerAccepted, Active),
        new(Activating, AnswerNotAccepted, Templated), // the stack rolls back; the customer may launch again
        new(Active, StackUpdated, Active),
        new(Active, RoleRejected, Active),          // an Update's new role failed verification: the update rolls back
        new(Active, RoleDegraded, Active),          // a periodic check found the role broken: still Active, not usable until it recovers
        new(Active, RoleRecovered, Active),
        new(Active, TemplateOutdated, Active),      // the offered template changed: still Active, its update link sent
        new(Active, StackDeleted, Removed),

        new(Pending, Abandoned, Removed),
        new(Templated, Abandoned, Removed),

        new(Pending, OffBoarded, Removed),
        new(Templated, OffBoarded, Removed),
        new(Activating, OffBoarded, Removed),
        new(Active, OffBoarded, Removed),
    ];

    private static readonly FrozenDictionary<(OnboardingState, OnboardingTrigger), OnboardingState> Next =
        Table.ToFrozenDictionary(t => (t.From, t.Trigger), t => t.To);

    /// <summary>The state the trigger leads to from <paramref name="from"/>, or null when it is not allowed.</summary>
    public static OnboardingState? TryNext(OnboardingState from, OnboardingTrigger trigger) =>
        Next.TryGetValue((from, trigger), out var to) ? to : null;

    public static bool Allows(OnboardingState from, OnboardingTrigger trigger) => Next.ContainsKey((from, trigger));
}
