namespace Onboarding.Api.Cluster;

/// <summary>
/// Tells waiting calls that the API lost a gateway, i.e. a silo went away (every silo is a gateway). The
/// client notices at once (its connection closes), long before the cluster declares the silo dead, and a
/// call the silo had taken may then never be answered: <see cref="IdempotentClusterCalls"/> asks again.
/// </summary>
public sealed class SiloLossSignal : IClusterConnectionStatusObserver
{
    private TaskCompletionSource _next = NewSource();

    /// <summary>Completes at the next loss after it was read.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        if (currentNumberOfGateways < previousNumberOfGateways) Signal();
    }

    public void NotifyClusterConnectionLost() => Signal();

    private void Signal() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
