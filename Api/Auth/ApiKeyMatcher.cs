using System.Security.Cryptography;
using System.Text;

namespace Onboarding.Api.Auth;

/// <summary>Finds the configured key a presented key is: shared by the X-Api-Key handler and the console's sign-in.</summary>
public static class ApiKeyMatcher
{
    /// <summary>Checks every configured key so the time taken does not tell which one came close.</summary>
    public static ApiKeyEntry? Match(IEnumerable<ApiKeyEntry> entries, string key)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        ApiKeyEntry? match = null;
        foreach (var entry in entries)
        {
            if (Convert.FromHexString(entry.Sha256.AsSpan(), expected, out _, out _) != System.Buffers.OperationStatus.Done) continue;
            if (CryptographicOperations.FixedTimeEquals(hash, expected)) match = entry;
        }
        return match;
    }
}
