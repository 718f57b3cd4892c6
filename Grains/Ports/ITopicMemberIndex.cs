namespace Onboarding.Grains.Ports;

/// <summary>Which accounts the customer records place on each event topic (the state index in the silo).</summary>
public interface ITopicMemberIndex
{
    /// <summary>
    /// Topic ARN → the accounts whose record says that topic's policy must hold them (see
    /// <c>CustomerState.JustifiedTopicArn</c>). Read from an eventually consistent index: a snapshot, not the truth.
    /// </summary>
    Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> ListTopicMembersAsync(CancellationToken cancellationToken);
}
