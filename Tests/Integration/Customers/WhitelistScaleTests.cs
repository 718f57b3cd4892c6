using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Customers;
using Onboarding.Dependencies;
using Onboarding.Grains.Whitelist;
using Onboarding.Silo.Aws.Sns;
using Onboarding.Tests.Infrastructure;
using Onboarding.Whitelist;

namespace Onboarding.Tests.Integration.Customers;

public sealed class WhitelistScaleTests(OnboardingService service) : IClassFixture<OnboardingService>
{
    private const int Customers = 1_000;
    /// <summary>
    /// Starts in flight at once: plenty to race on the region's topics, few enough that no call
    /// queues behind the whole thousand for longer than Orleans' 30 s response timeout on a busy machine.
    /// </summary>
    private const int InFlight = 100;
    private const string Region = "eu-west-1";

    [Fact]
    public async Task A_thousand_concurrent_starts_put_every_account_in_exactly_one_policy_within_SNS_limits()
    {
        var accounts = Enumerable.Range(0, Customers).Select(_ => TestAccounts.Next()).ToList();

        var views = new CustomerCommandResult[Customers];
        await Parallel.ForEachAsync(accounts.Index(), new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (start, _) =>
            views[start.Index] = await StartAsAClientWouldAsync(start.Item));

        Assert.All(views, result => Assert.Equal(OnboardingState.Templated, result.View!.State));
        var topics = await service.Grains.GetGrain<IRegionTopicsGrain>(Region).GetTopics();
        Assert.True(topics.Count >= 2, $"1,000 accounts do not fit one 30 KB policy, yet only {topics.Count} topic was used.");

        var sns = service.Silo.Services.GetRequiredService<ISnsClient>();
        var membership = new Dictionary<string, List<string>>();
        foreach (var topic in topics)
        {
            var policyJson = (await sns.GetTopicAttributesAsync(topic))["Policy"];
            AssertWithinSnsLimits(policyJson);
            foreach (var account in TopicPolicyDocument.Parse(policyJson, topic).CustomerAccounts)
                (membership.TryGetValue(account, out var list) ? list : membership[account] = []).Add(topic);
        }

        Assert.All(views, result =>
        {
            var topicsOfAccount = membership[result.View!.AccountId];
            Assert.Single(topicsOfAccount);
            Assert.Equal(result.View.TopicArn, topicsOfAccount[0]);
        });
    }

    /// <summary>
    /// A start is safe to repeat, and a client repeats one that was answered "unavailable" (the API's 503): on a
    /// loaded machine a thousand starts can outrun dynalite. Repeats also race on the policy, which is the point.
    /// </summary>
    private Task<CustomerCommandResult> StartAsAClientWouldAsync(string account) => Eventually.ValueAsync(async () =>
    {
        try
        {
            return await service.Grains.GetGrain<ICustomerGrain>(account).StartOnboarding(new StartOnboardingCommand(Region, null));
        }
        catch (Exception unavailable) when (unavailable is DependencyUnavailableException or TimeoutException)
        {
            return null;
        }
    }, $"the start of {account} to be answered", TimeSpan.FromMinutes(3));

    private static void AssertWithinSnsLimits(string policyJson)
    {
        Assert.True(Encoding.UTF8.GetByteCount(policyJson) <= TopicPolicyLimits.SnsMaxPolicyBytes);
        using var policy = JsonDocument.Parse(policyJson);
        var statements = policy.RootElement.GetProperty("Statement").EnumerateArray().ToList();
        Assert.True(statements.Count <= TopicPolicyLimits.SnsMaxStatements);
        Assert.Equal(statements.Count, statements.Select(s => s.GetProperty("Sid").GetString()).Distinct().Count());
        Assert.All(statements, s =>
        {
            var principal = s.GetProperty("Principal").GetProperty("AWS");
            var count = principal.ValueKind == JsonValueKind.Array ? principal.GetArrayLength() : 1;
            Assert.True(count <= TopicPolicyLimits.SnsMaxPrincipalsPerStatement);
        });
    }
}
