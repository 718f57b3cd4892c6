using System.Security.Cryptography;
using Onboarding.Customers;

namespace Onboarding.Grains.Customers;

/// <summary>
/// Unpredictable identifiers from the operating system's cryptographic RNG. The alphabet is
/// alphanumeric so a value fits IAM's external-id set, S3 keys and URLs without escaping.
/// </summary>
public static class SecureTokens
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>40 characters: about 238 bits, far beyond guessing.</summary>
    public const int ExternalIdLength = 40;

    /// <summary>The per-onboarding token the template passes back in its custom resource.</summary>
    public const int OnboardingTokenLength = 40;

    /// <summary>The unguessable part of a template's object key.</summary>
    public const int ObjectKeyLength = 32;

    public static string ExternalId() => RandomNumberGenerator.GetString(Alphabet, ExternalIdLength);

    public static string OnboardingToken() => RandomNumberGenerator.GetString(Alphabet, OnboardingTokenLength);

    public static string ObjectKeySuffix() => RandomNumberGenerator.GetString(Alphabet, ObjectKeyLength);

    /// <summary>The secret of an onboarding attempt's customer links (see <see cref="CustomerLinkToken"/>).</summary>
    public static string CustomerLinkSecret() => RandomNumberGenerator.GetString(Alphabet, CustomerLinkToken.SecretLength);
}

/// <summary>The secrets of one onboarding attempt, drawn before the decision that may use them (decisions are pure).</summary>
public sealed record AttemptSecrets(string ExternalId, string OnboardingToken, string CustomerLinkSecret, string TemplateKeySuffix)
{
    public static AttemptSecrets New() => new(
        SecureTokens.ExternalId(), SecureTokens.OnboardingToken(), SecureTokens.CustomerLinkSecret(), SecureTokens.ObjectKeySuffix());
}
