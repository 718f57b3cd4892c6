using System.Text.RegularExpressions;
using Onboarding.Grains.Customers;

namespace Onboarding.Tests.Unit.Customers;

public sealed class SecureTokensTests
{
    [Fact]
    public void External_ids_are_long_alphanumeric_and_unique()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => SecureTokens.ExternalId()).ToList();
        Assert.All(ids, id => Assert.Matches(new Regex("^[A-Za-z0-9]{32,}$"), id));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void External_ids_use_the_whole_alphabet_evenly()
    {
        // A crude check that values are not drawn from a narrow or biased source.
        var counts = Enumerable.Range(0, 2_000).SelectMany(_ => SecureTokens.ExternalId()).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(62, counts.Count);
        var expected = 2_000.0 * SecureTokens.ExternalIdLength / 62;
        Assert.All(counts.Values, count => Assert.InRange(count, expected * 0.7, expected * 1.3));
    }

    [Fact]
    public void Tokens_and_object_keys_differ_from_each_other()
    {
        Assert.NotEqual(SecureTokens.OnboardingToken(), SecureTokens.OnboardingToken());
        Assert.Matches("^[A-Za-z0-9]{32}$", SecureTokens.ObjectKeySuffix());
    }
}
