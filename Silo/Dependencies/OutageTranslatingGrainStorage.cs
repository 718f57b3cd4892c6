using Orleans.Storage;

namespace Onboarding.Silo.Dependencies;

/// <summary>
/// Grain storage whose outages leave as the contract exception. Needed besides the call filter because
/// the state is read while a grain activates, before any call filter runs: a read that fails on an
/// outage would otherwise reach the caller as Orleans' wrapper around the raw exception.
/// </summary>
public sealed class OutageTranslatingGrainStorage(IGrainStorage inner, DependencyOutageTranslator translator) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        TranslatedAsync(() => inner.ReadStateAsync(stateName, grainId, grainState, cancellationToken), "read grain state");

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        TranslatedAsync(() => inner.WriteStateAsync(stateName, grainId, grainState, cancellationToken), "write grain state");

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        TranslatedAsync(() => inner.ClearStateAsync(stateName, grainId, grainState, cancellationToken), "clear grain state");

    private async Task TranslatedAsync(Func<Task> operation, string what)
    {
        try
        {
            await operation();
        }
        catch (Exception exception)
        {
            if (translator.Translate(exception, what) is { } unavailable) throw unavailable;
            throw;
        }
    }
}
