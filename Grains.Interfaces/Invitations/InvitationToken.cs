using System.Security.Cryptography;
using System.Text;

namespace Onboarding.Invitations;

/// <summary>
/// The capability in an invitation's link (<c>/invite/{token}</c>): 40 characters of 62 from a CSPRNG. Its grain is
/// keyed by the token's SHA-256, so what storage holds cannot open the link.
/// </summary>
public static class InvitationToken
{
    public const int Length = 40;

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>False for anything not shaped like a token (answered as unknown without asking the cluster).</summary>
    public static bool IsWellFormed(string? token) => token is { Length: Length } && token.All(char.IsAsciiLetterOrDigit);

    public static string GrainKey(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
