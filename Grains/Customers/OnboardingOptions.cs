namespace Onboarding.Grains.Customers;

/// <summary>How onboardings are run (configuration section "Onboarding").</summary>
public sealed class OnboardingOptions
{
    public const string SectionName = "Onboarding";

    /// <summary>The partner's AWS account: customer roles trust it, topics live in it.</summary>
    public string PartnerAccountId { get; set; } = "";

    /// <summary>The principal customer roles trust; defaults to the partner account's root.</summary>
    public string? TrustedPrincipalArn { get; set; }

    /// <summary>Regions customers may launch their stacks in.</summary>
    public List<string> AllowedRegions { get; set; } = [];

    /// <summary>
    /// The API's public base URL, which customers' links start with (e.g. https://onboarding.example.com/):
    /// the launch link handed out is {PublicBaseUrl}launch/{token}.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>How long a launch link works once issued (renewals and re-prompts issue it again).</summary>
    public TimeSpan LaunchUrlLifetime { get; set; } = TimeSpan.FromDays(3);

    /// <summary>A launch link that expires sooner than this is re-issued when asked for again.</summary>
    public TimeSpan LaunchUrlRenewBefore { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long the template URL presigned at each opening of a launch link works: the console's review
    /// page and CreateStack read it (less when the presigning credentials expire sooner).
    /// </summary>
    public TimeSpan TemplateUrlLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Prefix of the stack name offered in the launch link (followed by the account id).</summary>
    public string StackNamePrefix { get; set; } = "PartnerOnboarding";

    /// <summary>Prefix of template object keys in the template bucket.</summary>
    public string TemplateKeyPrefix { get; set; } = "templates/";

    /// <summary>How many transitions each customer keeps in its history (oldest are dropped).</summary>
    public int HistoryLimit { get; set; } = 50;

    /// <summary>How many answered custom-resource requests each customer remembers for redeliveries.</summary>
    public int HandledRequestLimit { get; set; } = 20;

    /// <summary>
    /// How many partner notifications each customer remembers having sent (type, event id, when), for the console:
    /// the partner has the whole stream; a few are enough to see what it was told last.
    /// </summary>
    public int SentNotificationLimit { get; set; } = 10;

    /// <summary>How soon failed follow-up work (template deletion, policy removal, notifications) is retried.</summary>
    public TimeSpan FollowUpRetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    public string EffectiveTrustedPrincipalArn => TrustedPrincipalArn ?? $"arn:aws:iam::{PartnerAccountId}:root";
}
