using Amazon.Runtime;
using Amazon.SecurityToken;
using Onboarding.Tests.Infrastructure;

namespace Onboarding.Tests.Integration.Identity;

internal static class StsClients
{
    /// <summary>The real SDK client, pointed at the STS stand-in, signing with <paramref name="credentials"/>.</summary>
    public static AmazonSecurityTokenServiceClient For(LocalAwsStandIns aws, AWSCredentials credentials) =>
        new(credentials, new AmazonSecurityTokenServiceConfig { ServiceURL = aws.StsUrl.ToString(), AuthenticationRegion = "us-east-1" });
}
