using Onboarding.Api.Auth;

namespace Onboarding.Tests.Unit.Auth;

public sealed class ApiKeyOptionsValidatorTests
{
    private const string Hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    [Fact]
    public void A_hashed_key_with_a_known_role_is_valid()
    {
        var result = Validate(new ApiKeyOptions { ApiKeys = [new() { Name = "crm", Role = "partner", Sha256 = Hash }] });

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Each_wrong_setting_is_named()
    {
        var result = Validate(new ApiKeyOptions
        {
            ApiKeys =
            [
                new() { Name = "", Role = "admin", Sha256 = "plain-text-key" },
                new() { Name = "a", Role = "operator", Sha256 = Hash },
                new() { Name = "b", Role = "operator", Sha256 = Hash.ToUpperInvariant() },
            ],
            MaxFailuresPerWindow = 0,
            FailureWindow = TimeSpan.Zero,
        });

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.StartsWith("Auth:ApiKeys:0:Name"));
        Assert.Contains(failures, f => f.StartsWith("Auth:ApiKeys:0:Role") && f.Contains("admin"));
        Assert.Contains(failures, f => f.StartsWith("Auth:ApiKeys:0:Sha256"));
        Assert.Contains(failures, f => f.Contains("same key twice"));
        Assert.Contains(failures, f => f.StartsWith("Auth:MaxFailuresPerWindow"));
        Assert.Contains(failures, f => f.StartsWith("Auth:FailureWindow"));
        Assert.DoesNotContain(failures, f => f.Contains("plain-text-key"));
    }

    [Fact]
    public void No_keys_at_all_is_refused()
    {
        Assert.True(Validate(new ApiKeyOptions()).Failed);
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(ApiKeyOptions options) =>
        new ApiKeyOptionsValidator().Validate(null, options);
}
