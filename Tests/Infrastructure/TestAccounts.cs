namespace Onboarding.Tests.Infrastructure;

/// <summary>Distinct 12-digit account ids, so tests sharing a cluster never meet each other's customers.</summary>
public static class TestAccounts
{
    private static long _next = Random.Shared.NextInt64(100_000_000_000, 800_000_000_000);

    public static string Next() => Interlocked.Increment(ref _next).ToString("D12");
}
