using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Onboarding.Api.Auth;

namespace Onboarding.Tests.Unit.Auth;

public sealed class FailedAuthenticationLimiterTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-25T10:00:00Z"));
    private readonly FailedAuthenticationLimiter _limiter;

    public FailedAuthenticationLimiterTests()
    {
        var options = new ApiKeyOptions { MaxFailuresPerWindow = 3, FailureWindow = TimeSpan.FromMinutes(1) };
        _limiter = new FailedAuthenticationLimiter(new StaticOptions(options), _clock);
    }

    [Fact]
    public void An_address_is_limited_after_the_allowed_failures_and_free_again_when_the_window_ends()
    {
        for (var i = 0; i < 2; i++) _limiter.RecordFailure("10.0.0.1");
        Assert.False(_limiter.IsLimited("10.0.0.1"));

        _limiter.RecordFailure("10.0.0.1");
        Assert.True(_limiter.IsLimited("10.0.0.1"));
        Assert.False(_limiter.IsLimited("10.0.0.2"));

        _clock.Advance(TimeSpan.FromSeconds(61));
        Assert.False(_limiter.IsLimited("10.0.0.1"));
        _limiter.RecordFailure("10.0.0.1");
        Assert.False(_limiter.IsLimited("10.0.0.1"));
    }

    [Fact]
    public void Failures_from_a_previous_window_do_not_count()
    {
        _limiter.RecordFailure("10.0.0.1");
        _limiter.RecordFailure("10.0.0.1");
        _clock.Advance(TimeSpan.FromMinutes(2));
        _limiter.RecordFailure("10.0.0.1");
        _limiter.RecordFailure("10.0.0.1");

        Assert.False(_limiter.IsLimited("10.0.0.1"));
    }

    private sealed class StaticOptions(ApiKeyOptions value) : IOptionsMonitor<ApiKeyOptions>
    {
        public ApiKeyOptions CurrentValue => value;
        public ApiKeyOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<ApiKeyOptions, string?> listener) => null;
    }
}
