using System.Net;
using Onboarding.Tests.Infrastructure.Sns;

namespace Onboarding.Tests.Unit.Sns;

/// <summary>fauxqs never pages (it has no NextToken), so paging is proven against scripted AWS-shaped answers.</summary>
public sealed class SnsPagingTests
{
    [Fact]
    public async Task ListSubscriptionsByTopic_follows_next_token_until_the_last_page()
    {
        const string token = "page+2/=";
        var handler = new ScriptedSnsHandler(
            () => ScriptedSnsHandler.SubscriptionsPage(SnsTestClients.FakeTopicArn, "first", token),
            () => ScriptedSnsHandler.SubscriptionsPage(SnsTestClients.FakeTopicArn, "second", nextToken: null));
        using var sns = SnsTestClients.Scripted(handler, maxAttempts: 1);

        var subscriptions = await sns.ListSubscriptionsByTopicAsync(SnsTestClients.FakeTopicArn);

        Assert.Equal([SnsTestClients.FakeTopicArn + ":first", SnsTestClients.FakeTopicArn + ":second"], subscriptions.Select(s => s.SubscriptionArn));
        Assert.Equal(2, handler.Attempts);
        var bodies = handler.Bodies.ToArray();
        Assert.DoesNotContain("NextToken", bodies[0]);
        Assert.Contains("NextToken=" + WebUtility.UrlEncode(token), bodies[1]);
    }
}
