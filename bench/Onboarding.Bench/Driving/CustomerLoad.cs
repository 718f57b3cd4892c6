using System.Collections.Concurrent;
using System.Diagnostics;
using Onboarding.CustomerSimulation.CloudFormation;

namespace Onboarding.Bench.Driving;

/// <summary>
/// C concurrent customers working through a list of accounts, each doing the whole customer side:
/// start → open the launch link → download the template → "create" the role → publish the Create request
/// to the ServiceToken topic → wait for the answer on the ResponseURL. The same code drives the service
/// and the floor; only the start differs (<see cref="IOnboardingTarget"/>).
/// </summary>
public sealed class CustomerLoad(CloudFormationSimulator cloudFormation, HttpClient templates, string region)
{
    /// <summary>One onboarding as the customer saw it. Index is its place in the account list (table size when it started).</summary>
    public sealed record Outcome(long Index, double StartMs, double AnswerMs, bool Succeeded, string? Error);

    public sealed record Result(IReadOnlyList<Outcome> Outcomes, TimeSpan Elapsed)
    {
        public int Succeeded => Outcomes.Count(o => o.Succeeded);
        public double PerSecond => Succeeded / Elapsed.TotalSeconds;
        public LatencySeries StartLatency => new(Outcomes.Where(o => o.Succeeded).Select(o => o.StartMs));
        public LatencySeries AnswerLatency => new(Outcomes.Where(o => o.Succeeded).Select(o => o.AnswerMs));
        public IEnumerable<string> Errors => Outcomes.Where(o => o.Error is not null).Select(o => o.Error!);
    }

    /// <param name="stackCreated">false: start only (the customer never launches the stack), for filling the table.</param>
    public async Task<Result> RunAsync(IOnboardingTarget target, IReadOnlyList<string> accounts, int concurrency, bool stackCreated = true, IProgress<int>? progress = null)
    {
        var outcomes = new ConcurrentBag<Outcome>();
        var next = -1L;
        var done = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            await Task.Yield();
            long index;
            while ((index = Interlocked.Increment(ref next)) < accounts.Count)
            {
                outcomes.Add(await OnboardAsync(target, accounts[(int)index], index, stackCreated));
                var finished = Interlocked.Increment(ref done);
                if (finished % 500 == 0) progress?.Report(finished);
            }
        }));
        return new Result([.. outcomes.OrderBy(o => o.Index)], clock.Elapsed);
    }

    private async Task<Outcome> OnboardAsync(IOnboardingTarget target, string accountId, long index, bool stackCreated)
    {
        double startMs = 0;
        try
        {
            var clock = Stopwatch.StartNew();
            var launchUrl = await target.StartAsync(accountId, CancellationToken.None);
            startMs = clock.Elapsed.TotalMilliseconds;
            if (!stackCreated) return new Outcome(index, startMs, 0, true, null);

            launchUrl = await target.OpenLaunchLinkAsync(launchUrl, CancellationToken.None);
            var template = await templates.GetStringAsync(LaunchLinks.TemplateUrl(launchUrl));
            var stack = LaunchedStack.FromTemplate(template, accountId, region, LaunchLinks.StackName(launchUrl));
            var pending = await cloudFormation.NewRequestAsync(stack, CustomResourceRequests.Create, physicalResourceId: null);
            clock.Restart();
            await cloudFormation.PublishAsync(stack.TopicArn, pending.Request);
            var answer = await cloudFormation.AnswerAsync(pending.AnswerKey);
            var answerMs = clock.Elapsed.TotalMilliseconds;
            var status = answer.GetProperty("Status").GetString();
            return status == "SUCCESS"
                ? new Outcome(index, startMs, answerMs, true, null)
                : new Outcome(index, startMs, answerMs, false, $"{accountId}: {status} {answer.GetRawText()}");
        }
        catch (Exception error)
        {
            return new Outcome(index, startMs, 0, false, $"{accountId}: {error.GetType().Name}: {error.Message}");
        }
    }
}
