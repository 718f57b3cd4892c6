using Microsoft.Extensions.Options;
using Onboarding.Grains.Whitelist;

namespace Onboarding.Silo.Events;

/// <summary>
/// Recognises the service's own event topics: in the events queue's account, named
/// "{prefix}-{region}-{number}" in the region their ARN names. A request published anywhere else is forged.
/// </summary>
public sealed class OwnEventTopics(IOptions<WhitelistOptions> whitelist)
{
    public bool Contains(string topicArn, string ownAccountId)
    {
        var parts = topicArn.Split(':');
        if (parts is not ["arn", _, "sns", var region, var account, var name]) return false;
        var expectedStart = $"{whitelist.Value.TopicNamePrefix}-{region}-";
        return account == ownAccountId &&
               name.StartsWith(expectedStart, StringComparison.Ordinal) &&
               name.Length > expectedStart.Length &&
               name[expectedStart.Length..].All(char.IsAsciiDigit);
    }

    /// <summary>The account of an SQS queue or SNS topic ARN.</summary>
    public static string AccountOf(string arn) => arn.Split(':') is [_, _, _, _, var account, ..] ? account : "";
}
