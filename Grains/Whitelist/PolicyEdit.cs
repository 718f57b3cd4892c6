namespace Onboarding.Grains.Whitelist;

/// <summary>
/// Outcome of <see cref="TopicPolicyDocument.Apply"/>. <see cref="Changed"/> is false when no account
/// was added or removed: the caller then has nothing to write to SNS.
/// </summary>
public sealed record PolicyEdit(
    TopicPolicyDocument Document,
    string PolicyJson,
    IReadOnlyList<string> Added,
    IReadOnlyList<string> AlreadyPresent,
    IReadOnlyList<string> Removed,
    IReadOnlyList<string> NotPresent,
    IReadOnlyList<string> Rejected)
{
    public bool Changed => Added.Count > 0 || Removed.Count > 0;
}
