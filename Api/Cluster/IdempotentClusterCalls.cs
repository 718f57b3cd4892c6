using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Options;

namespace Onboarding.Api.Cluster;

/// <summary>
/// Runs a grain call that is safe to repeat (starts resume the onboarding in flight, reads change nothing,
/// off-boardings and renewals return the same view) so that a silo's death costs the caller time, not an
/// error. The call is sent again when the cluster could not take it (with a growing pause) and at once
/// when a silo goes away while it is out (an answer from that silo would never come); the grain
/// reactivates on a survivor once membership has declared the silo dead. The first answer wins. After
/// <see cref="OrleansClientOptions.RetryFor"/> the caller gets the failure (a 503 with Retry-After), not
/// a wait for a silo that is gone. Any other failure, or any answer, ends it at once.
/// </summary>
public sealed partial class IdempotentClusterCalls(
    SiloLossSignal losses, IOptions<OrleansClientOptions> options, TimeProvider clock, ILogger<IdempotentClusterCalls> logger)
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(2);

    public async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken = default)
    {
        var deadline = clock.GetUtcNow() + options.Value.RetryFor;
        var pause = FirstPause;
        var lost = losses.Next;
        var siloLost = false;
        Task? resend = null;
        var outstanding = new List<Task<T>> { call() };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            while (true)
            {
                var remaining = deadline - clock.GetUtcNow();
                // Past the deadline after a silo left: answer now rather than wait out calls sent to it.
                if (remaining <= TimeSpan.Zero && (siloLost || outstanding.Count == 0))
                    throw new TimeoutException("No silo answered a call that is safe to repeat in time after a silo left.");
                Task[] waits = remaining > TimeSpan.Zero
                    ? [.. outstanding, lost, resend ?? Task.Delay(remaining, clock, stop.Token)]
                    : [.. outstanding];
                var done = await Task.WhenAny(waits);
                if (done is Task<T> answered && outstanding.Remove(answered))
                {
                    if (answered.IsCompletedSuccessfully) return answered.Result;
                    var failure = answered.Exception!.InnerException!;
                    if (!ClusterFailures.IsUnavailable(failure)) ExceptionDispatchInfo.Throw(failure);
                    if (clock.GetUtcNow() + pause >= deadline)
                    {
                        if (outstanding.Count == 0) ExceptionDispatchInfo.Throw(failure);
                        continue;
                    }
                    LogRetrying(failure.GetType().Name, pause.TotalMilliseconds);
                    resend ??= Task.Delay(pause, clock, stop.Token);
                    pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
                }
                else if (done == lost)
                {
                    // A silo left while the call was out: its answer may never come. Ask again now.
                    LogSiloLost();
                    siloLost = true;
                    lost = losses.Next;
                    outstanding.Add(call());
                }
                else if (done == resend)
                {
                    resend = null;
                    outstanding.Add(call());
                }
            }
        }
        finally
        {
            stop.Cancel();
            foreach (var abandoned in outstanding) _ = abandoned.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
        }
    }

    [LoggerMessage(LogLevel.Debug, "The cluster could not take a call that is safe to repeat ({Failure}); sending it again in {PauseMs} ms")]
    private partial void LogRetrying(string failure, double pauseMs);

    [LoggerMessage(LogLevel.Information, "A silo left while a call that is safe to repeat was out; sending it again")]
    private partial void LogSiloLost();
}
