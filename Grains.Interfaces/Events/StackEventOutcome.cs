using Onboarding.Identity;

namespace Onboarding.Events;

/// <summary>
/// What a customer grain decided for a custom-resource request. The grain never waits for CloudFormation:
/// the caller delivers <see cref="Answer"/> to the request's ResponseURL (outside the grain's turn), and
/// when <see cref="AwaitsAcceptance"/> reports how that went with <see cref="ICustomerGrain.SettleAnswer"/>.
/// </summary>
/// <param name="Answer">The answer for CloudFormation (the same one for every delivery of the request).</param>
/// <param name="Duplicate">True when the request had been handled before and only the answer is repeated.</param>
/// <param name="AnswerBy">When CloudFormation stops waiting (publication + the request's ServiceTimeout): an answer after it is lost.</param>
/// <param name="AwaitsAcceptance">The decision takes effect only once CloudFormation has accepted the answer (an activation).</param>
/// <param name="VerifyRole">
/// Nothing was decided yet: the request's role must first be verified (outside the grain's turn) and the request
/// handed back with the result. <see cref="Answer"/> is then only the FAILED answer a caller that cannot verify may give.
/// </param>
[GenerateSerializer, Immutable, Alias("Onboarding.StackEventOutcome")]
public sealed record StackEventOutcome(
    [property: Id(0)] CustomResourceAnswer Answer,
    [property: Id(2)] bool Duplicate,
    [property: Id(3)] DateTimeOffset AnswerBy,
    [property: Id(4)] bool AwaitsAcceptance,
    [property: Id(5)] RoleToVerify? VerifyRole = null);

/// <summary>What reporting an answer's delivery did to the customer.</summary>
[GenerateSerializer, Alias("Onboarding.AnswerSettlement")]
public enum AnswerSettlement
{
    /// <summary>No answer of this request awaits acceptance (already settled, or never needed it).</summary>
    NothingPending = 0,
    /// <summary>Accepted in time: the customer is Active.</summary>
    Activated = 1,
    /// <summary>Not accepted yet, and CloudFormation still waits: deliver it again.</summary>
    StillWaiting = 2,
    /// <summary>Not accepted within the ServiceTimeout: the customer is Templated again (the stack rolls back).</summary>
    Expired = 3,
}
