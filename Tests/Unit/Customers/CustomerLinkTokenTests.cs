using Onboarding.Customers;
using Onboarding.Grains.Customers;

namespace Onboarding.Tests.Unit.Customers;

public sealed class CustomerLinkTokenTests
{
    private const string Account = "123456789012";

    [Fact]
    public void A_formatted_token_parses_back_into_its_account_and_secret()
    {
        var secret = SecureTokens.CustomerLinkSecret();

        Assert.True(CustomerLinkToken.TryParse(CustomerLinkToken.Format(Account, secret), out var account, out var parsed));

        Assert.Equal(Account, account);
        Assert.Equal(secret, parsed);
    }

    [Fact]
    public void Secrets_are_long_alphanumeric_and_unique()
    {
        var secrets = Enumerable.Range(0, 5_000).Select(_ => SecureTokens.CustomerLinkSecret()).ToList();

        Assert.All(secrets, s => Assert.Matches($"^[A-Za-z0-9]{{{CustomerLinkToken.SecretLength}}}$", s));
        Assert.Equal(secrets.Count, secrets.Distinct(StringComparer.Ordinal).Count());
        Assert.True(CustomerLinkToken.SecretLength >= 32);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("123456789012")]
    [InlineData("123456789012-")]
    [InlineData("12345678901-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")] // 11 digits
    [InlineData("123456789012_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")] // wrong separator
    [InlineData("12345678901a-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")] // not a digit
    [InlineData("123456789012-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")] // secret one short
    [InlineData("123456789012-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")] // secret one long
    [InlineData("123456789012-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/")] // not alphanumeric
    [InlineData("123456789012-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaé")] // not ASCII
    [InlineData("١٢٣٤٥٦٧٨٩٠١٢-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")] // non-ASCII digits
    public void Anything_not_shaped_like_a_token_does_not_parse(string? token)
    {
        Assert.False(CustomerLinkToken.TryParse(token, out var account, out var secret));
        Assert.Equal("", account);
        Assert.Equal("", secret);
    }

    [Fact]
    public void Only_the_same_secret_matches()
    {
        var secret = SecureTokens.CustomerLinkSecret();
        var oneCharacterOff = (secret[0] == 'a' ? "b" : "a") + secret[1..];

        Assert.True(CustomerLinkToken.SecretMatches(secret, new string(secret)));
        Assert.False(CustomerLinkToken.SecretMatches(secret, oneCharacterOff));
        Assert.False(CustomerLinkToken.SecretMatches(secret, secret.ToUpperInvariant() == secret ? secret.ToLowerInvariant() : secret.ToUpperInvariant()));
        Assert.False(CustomerLinkToken.SecretMatches(secret, secret[..^1]));
        Assert.False(CustomerLinkToken.SecretMatches(secret, ""));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void No_recorded_secret_matches_nothing_not_even_an_empty_one(string? recorded)
    {
        Assert.False(CustomerLinkToken.SecretMatches(recorded, ""));
        Assert.False(CustomerLinkToken.SecretMatches(recorded, SecureTokens.CustomerLinkSecret()));
    }

    [Theory]
    [InlineData("https://onboarding.example.com/", "https://onboarding.example.com/launch/")]
    [InlineData("https://example.com/partner/onboarding", "https://example.com/partner/onboarding/launch/")]
    [InlineData("https://example.com/partner/onboarding/", "https://example.com/partner/onboarding/launch/")]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080/launch/")]
    public void The_launch_link_lives_under_the_public_base_url(string baseUrl, string expectedPrefix)
    {
        var token = CustomerLinkToken.Format(Account, SecureTokens.CustomerLinkSecret());

        Assert.Equal(expectedPrefix + token, CustomerLinkRoutes.Launch(new Uri(baseUrl), token).AbsoluteUri);
    }
}
