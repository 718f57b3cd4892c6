using Amazon.Runtime;

namespace Onboarding.CustomerSimulation.LocalAws;

/// <summary>
/// Whose credentials the local stand-ins see (tools/local-aws/identity/accounts.mjs): the keys
/// <c>test</c> and <c>local</c> are the user <c>local</c> of <see cref="OwnerAccountId"/>, which owns every
/// topic, queue and bucket on fauxqs; <c>AKIALOCAL&lt;account&gt;</c> is the user <c>local</c> of that account.
/// Signatures are not checked, so any secret will do.
/// </summary>
public static class LocalAwsAccounts
{
    /// <summary>The stand-ins' owner account: the partner account of the tests and of the Development settings.</summary>
    public const string OwnerAccountId = "111122223333";

    private const string AccountKeyPrefix = "AKIALOCAL";
    private const string AnySecret = "local-secret";

    /// <summary>The owner account's user, as the tests' default clients sign.</summary>
    public static AWSCredentials Owner { get; } = new BasicAWSCredentials("test", "test");

    /// <summary>Long-term credentials of the user <c>local</c> in <paramref name="accountId"/> (a customer's account, say).</summary>
    public static AWSCredentials ForAccount(string accountId)
    {
        return new BasicAWSCredentials(AccessKeyId(accountId), AnySecret);
    }

    /// <summary>The long-term access key id (<c>AKIALOCAL&lt;account&gt;</c>) of the user <c>local</c> in <paramref name="accountId"/>.</summary>
    public static string AccessKeyId(string accountId) =>
        accountId is { Length: 12 } && accountId.All(char.IsAsciiDigit)
            ? AccountKeyPrefix + accountId
            : throw new ArgumentException($"'{accountId}' is not a 12-digit account id.", nameof(accountId));

    /// <summary>The principal ARN the stand-ins give <see cref="ForAccount"/>'s credentials.</summary>
    public static string UserArn(string accountId) => $"arn:aws:iam::{accountId}:user/local";
}
