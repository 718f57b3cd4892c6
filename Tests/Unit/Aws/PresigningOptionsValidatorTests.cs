using Onboarding.Silo.Aws.Presigning;

namespace Onboarding.Tests.Unit.Aws;

public sealed class PresigningOptionsValidatorTests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private static List<string> Failures(PresigningOptions options) =>
        [.. new PresigningOptionsValidator().Validate(null, options).Failures ?? []];

    [Fact]
    public void The_default_chain_and_a_long_term_key_pair_pass()
    {
        Assert.Empty(Failures(new PresigningOptions()));
        Assert.Empty(Failures(new PresigningOptions { Credentials = "AccessKey", AccessKeyId = "AKIAIOSFODNN7EXAMPLE", SecretAccessKey = Secret }));
    }

    [Fact]
    public void A_key_pair_setting_without_its_values_names_both_and_never_echoes_a_secret()
    {
        var failures = Failures(new PresigningOptions { Credentials = "AccessKey", AccessKeyId = "not-a-key", SecretAccessKey = "short" });

        Assert.Contains(failures, f => f.StartsWith("Templates:Presigning:AccessKeyId", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Templates:Presigning:SecretAccessKey", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("short", StringComparison.Ordinal));
    }

    [Fact]
    public void A_temporary_access_key_is_refused_for_what_it_is()
    {
        var failure = Assert.Single(Failures(new PresigningOptions { Credentials = "AccessKey", AccessKeyId = "ASIAIOSFODNN7EXAMPLE", SecretAccessKey = Secret }));

        Assert.Contains("temporary", failure);
    }

    [Fact]
    public void An_unknown_credential_source_is_named()
    {
        var failure = Assert.Single(Failures(new PresigningOptions { Credentials = "Instance" }));

        Assert.StartsWith("Templates:Presigning:Credentials", failure);
    }

    [Fact]
    public void A_key_pair_left_unused_by_the_default_chain_is_refused_without_echoing_it()
    {
        var failure = Assert.Single(Failures(new PresigningOptions { AccessKeyId = "AKIAIOSFODNN7EXAMPLE", SecretAccessKey = Secret }));

        Assert.Contains("Credentials", failure);
        Assert.DoesNotContain(Secret, failure);
    }
}
