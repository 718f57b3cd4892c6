namespace Onboarding.Grains.Whitelist;

/// <summary>
/// Bounds an SNS topic policy must stay within. Defaults are the SNS quotas; operators and tests may
/// lower them (never raise them), e.g. to cap how many customers share one topic.
/// </summary>
public sealed record TopicPolicyLimits
{
    /// <summary>SNS accepts a policy of at most 30 KB (UTF-8).</summary>
    public const int SnsMaxPolicyBytes = 30_720;

    public const int SnsMaxStatements = 100;

    public const int SnsMaxPrincipalsPerStatement = 200;

    public static TopicPolicyLimits Sns { get; } = new();

    public int MaxPolicyBytes
    {
        get;
        init => field = InRange(value, 1, SnsMaxPolicyBytes, nameof(MaxPolicyBytes));
    } = SnsMaxPolicyBytes;

    public int MaxStatements
    {
        get;
        init => field = InRange(value, 1, SnsMaxStatements, nameof(MaxStatements));
    } = SnsMaxStatements;

    public int MaxPrincipalsPerStatement
    {
        get;
        init => field = InRange(value, 1, SnsMaxPrincipalsPerStatement, nameof(MaxPrincipalsPerStatement));
    } = SnsMaxPrincipalsPerStatement;

    /// <summary>Optional cap on customer accounts per topic (0 closes the topic to new customers).</summary>
    public int? MaxCustomerAccounts
    {
        get;
        init => field = value is { } cap ? InRange(cap, 0, int.MaxValue, nameof(MaxCustomerAccounts)) : null;
    }

    private static int InRange(int value, int min, int max, string name) =>
        value >= min && value <= max
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}.");
}
