using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace Onboarding.CustomerSimulation.LocalAws;

/// <summary>
/// The service's own identity on the stand-ins, as on ECS or EKS: temporary credentials (access key, secret,
/// session token, expiry) of a role in the partner account (<see cref="LocalAwsAccounts.OwnerAccountId"/>),
/// issued by the STS stand-in to the account's long-term key and renewed before they expire.
/// </summary>
public sealed class ServiceRoleCredentials : RefreshingAWSCredentials
{
    public const string RoleName = "onboarding-service";
    public const string SessionName = "onboarding-service";
    public static readonly string RoleArn = $"arn:aws:iam::{LocalAwsAccounts.OwnerAccountId}:role/{RoleName}";

    // As an ECS task role trusts ecs-tasks.amazonaws.com, this one trusts its own account's users.
    private static readonly string TrustPolicy =
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{LocalAwsAccounts.OwnerAccountId}}:root"},"Action":"sts:AssumeRole"}]}""";

    private readonly AmazonSecurityTokenServiceClient _sts;

    private ServiceRoleCredentials(Uri stsUrl) =>
        _sts = new AmazonSecurityTokenServiceClient(LocalAwsAccounts.Owner, new AmazonSecurityTokenServiceConfig { ServiceURL = stsUrl.ToString(), AuthenticationRegion = "us-east-1" });

    /// <summary>Registers the service's role with the STS stand-in's registry and takes its first credentials.</summary>
    public static async Task<ServiceRoleCredentials> CreateAsync(Uri stsUrl, LocalIamClient iam, CancellationToken cancellationToken = default)
    {
        await iam.PutRoleAsync(RoleArn, TrustPolicy, cancellationToken: cancellationToken);
        var credentials = new ServiceRoleCredentials(stsUrl);
        await credentials.GetCredentialsAsync();
        return credentials;
    }

    protected override CredentialsRefreshState GenerateNewCredentials() => GenerateNewCredentialsAsync().GetAwaiter().GetResult();

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
    {
        var issued = (await _sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = RoleArn, RoleSessionName = SessionName })).Credentials;
        return new CredentialsRefreshState(
            new ImmutableCredentials(issued.AccessKeyId, issued.SecretAccessKey, issued.SessionToken),
            issued.Expiration!.Value.ToUniversalTime());
    }
}
