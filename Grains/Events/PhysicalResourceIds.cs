using System.Security.Cryptography;
using System.Text;

namespace Onboarding.Grains.Events;

/// <summary>
/// The PhysicalResourceId of a customer's onboarding resource. CloudFormation treats a changed id on
/// Update as a replacement (and then deletes the old one), so the id depends only on values that
/// never change for a stack: the account and the StackId.
/// </summary>
public static class PhysicalResourceIds
{
    public const string Prefix = "onboarding-";

    /// <summary>64 bits of the stack's hash: distinct per stack of one account for all practical purposes.</summary>
    public const int StackHashHexLength = 16;

    public static string For(string accountId, string stackId)
    {
        if (!AccountIds.IsValid(accountId)) throw new ArgumentException("Not a 12-digit account id.", nameof(accountId));
        ArgumentException.ThrowIfNullOrEmpty(stackId);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(stackId)));
        return $"{Prefix}{accountId}-{hash[..StackHashHexLength]}";
    }
}
