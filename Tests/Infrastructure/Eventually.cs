namespace Onboarding.Tests.Infrastructure;

/// <summary>
/// The one way tests wait for something that happens asynchronously: poll a condition until it holds
/// or a generous deadline passes, then fail with what was being waited for. The deadline only bounds
/// a broken run; a passing run returns as soon as the condition holds, so it never paces a test.
/// </summary>
public static class Eventually
{
    // Generous: CI runs on a slower 2-core box with the cluster suite's silos beside other tests.
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    /// <summary>Waits until <paramref name="condition"/> is true; fails naming <paramref name="what"/>.</summary>
    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, timeout);

    /// <inheritdoc cref="TrueAsync(Func{bool}, string, TimeSpan?)"/>
    public static Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        PollAsync(async () => await condition() ? (true, true) : (false, false), what, timeout);

    /// <summary>
    /// Waits until <paramref name="probe"/> returns a value that is not null, and returns it: for
    /// "the view once it is Active", "the message once it arrived". Exceptions thrown by the probe
    /// fail the wait at once (a probe that cannot run will not start working by itself).
    /// </summary>
    public static Task<T> ValueAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null) where T : class =>
        PollAsync(async () => await probe() is { } value ? (true, value) : (false, default!), what, timeout);

    /// <inheritdoc cref="ValueAsync{T}(Func{Task{T}}, string, TimeSpan?)"/>
    public static Task<T> ValueAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null) where T : struct =>
        PollAsync(async () => await probe() is { } value ? (true, value) : (false, default), what, timeout);

    private static async Task<T> PollAsync<T>(Func<Task<(bool Done, T Value)>> probe, string what, TimeSpan? timeout)
    {
        var wait = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            var (done, value) = await probe();
            if (done) return value;
            if (DateTime.UtcNow >= deadline)
                throw new TimeoutException($"Waited {wait.TotalSeconds:0.#} s for {what}, in vain.");
            await Task.Delay(PollInterval);
        }
    }
}
