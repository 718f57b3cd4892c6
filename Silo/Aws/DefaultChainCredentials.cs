using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace Onboarding.Silo.Aws;

/// <summary>
/// The SDK's default credential chain, resolved on first use rather than when services are built, so
/// a process without credentials still reports its configuration problems first and starts its probes.
/// </summary>
public sealed class DefaultChainCredentials : AWSCredentials
{
    private readonly Lazy<AWSCredentials> _chain = new(() => DefaultAWSCredentialsIdentityResolver.GetCredentials());

    public override ImmutableCredentials GetCredentials() => _chain.Value.GetCredentials();

    public override Task<ImmutableCredentials> GetCredentialsAsync() => _chain.Value.GetCredentialsAsync();

    /// <summary>The resolved credentials' expiry (temporary ones have one): what a URL they presign lives at most.</summary>
    public override DateTime? Expiration => _chain.IsValueCreated ? _chain.Value.Expiration : null;
}
