using System.Security.Cryptography;
using System.Text;

namespace Onboarding.Customers;

/// <summary>
/// The capability in a customer's links (<c>/launch/{token}</c>, later the customer page): the account
/// id, so the API reaches the account's grain without a lookup or an extra write, then an unguessable
/// secret that only the grain of that onboarding attempt knows. It opens that customer's links and
/// nothing else: it is not an API key, and it differs from the onboarding token the template carries.
/// </summary>
public static class CustomerLinkToken
{
    public const char Separator = '-';

    /// <summary>40 characters of 62: about 238 bits, far beyond guessing even without the rate limit.</summary>
    public const int SecretLength = 40;

    private const int AccountIdLength = 12;

    public static string Format(string accountId, string secret) => accountId + Separator + secret;

    /// <summary>
    /// Splits a token into its account id and secret; false for anything not shaped like one (the API
    /// answers those as unknown without asking the cluster).
    /// </summary>
    public static bool TryParse(string? token, out string accountId, out string secret)
    {
        accountId = secret = "";
        if (token is null || token.Length != AccountIdLength + 1 + SecretLength || token[AccountIdLength] != Separator)
            return false;
        var account = token.AsSpan(0, AccountIdLength);
        var rest = token.AsSpan(AccountIdLength + 1);
        if (!All(account, char.IsAsciiDigit) || !All(rest, char.IsAsciiLetterOrDigit))
            return false;
        accountId = account.ToString();
        secret = rest.ToString();
        return true;
    }

    /// <summary>
    /// Compares in constant time (for a given length: every secret has the same), so the time taken
    /// does not tell how much of a guess was right. No expected secret matches nothing.
    /// </summary>
    public static bool SecretMatches(string? expected, string presented)
    {
        if (string.IsNullOrEmpty(expected)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(presented));
    }

    private static bool All(ReadOnlySpan<char> text, Func<char, bool> allowed)
    {
        foreach (var c in text)
        {
            if (!allowed(c)) return false;
        }
        return true;
    }
}
