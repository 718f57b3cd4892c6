using Amazon.Runtime;
using Onboarding.Silo.Aws.Sns;
using Onboarding.Tests.Infrastructure;

namespace Onboarding.Tests.Infrastructure.Sns;

internal static class SnsTestClients
{
    public const string FakeTopicArn = "arn:aws:sns:eu-west-1:123456789012:scripted";

    /// <summary>A client for fauxqs; <paramref name="transport"/> replaces the handler under the signer.</summary>
    public static SnsClient ForStandIn(LocalAwsStandIns aws, Func<HttpMessageHandler>? transport = null) =>
        new(StandInClients.Credentials,
            new SnsClientOptions { ServiceUrl = aws.AwsUrl },
            logger: null,
            transport ?? (() => new SocketsHttpHandler { AllowAutoRedirect = false }));

    /// <summary>
    /// A client whose every attempt is answered by <paramref name="handler"/> (under the signer), with
    /// millisecond backoff; <paramref name="credentials"/> sign, the stand-in's by default.
    /// </summary>
    public static SnsClient Scripted(HttpMessageHandler handler, int maxAttempts, TimeSpan? attemptTimeout = null, AWSCredentials? credentials = null) =>
        new(credentials ?? StandInClients.Credentials,
            new SnsClientOptions
            {
                ServiceUrl = new Uri("http://sns.invalid/"),
                Retry =
                {
                    MaxAttempts = maxAttempts,
                    BaseDelay = TimeSpan.FromMilliseconds(1),
                    MaxDelay = TimeSpan.FromMilliseconds(2),
                    AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(20),
                },
            },
            logger: null,
            () => handler);

    public static string UniqueName(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N");
}
