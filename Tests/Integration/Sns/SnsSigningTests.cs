using System.Globalization;
using System.Text.RegularExpressions;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Infrastructure.Sns;

namespace Onboarding.Tests.Integration.Sns;

/// <summary>
/// The stand-in accepts any signature, so the local proof is the shape of what the SDK's signer puts on
/// each request: SigV4 scoped to service "sns" in the region of the call.
/// </summary>
[Collection(LocalAwsCollection.Name)]
public sealed partial class SnsSigningTests(LocalAwsStandIns aws)
{
    [Theory]
    [InlineData("us-east-1")]
    [InlineData("eu-west-1")]
    public async Task Every_request_is_signed_for_sns_in_the_region_of_the_call(string region)
    {
        var recorder = new RecordingHandler(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var sns = SnsTestClients.ForStandIn(aws, () => recorder);

        var arn = await sns.CreateTopicAsync(region, SnsTestClients.UniqueName("signed"));
        await sns.PublishAsync(arn, "signed message");

        Assert.Equal(2, recorder.Requests.Count);
        foreach (var request in recorder.Requests)
        {
            Assert.NotNull(request.Authorization);
            var match = SigV4Authorization().Match(request.Authorization);
            Assert.True(match.Success, $"Not a SigV4 sns header: {request.Authorization}");
            Assert.Equal(region, match.Groups["region"].Value);
            Assert.Contains("x-amz-date", match.Groups["signed"].Value.Split(';'));
            Assert.Contains("host", match.Groups["signed"].Value.Split(';'));

            Assert.NotNull(request.AmzDate);
            var signedAt = DateTime.ParseExact(request.AmzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            Assert.Equal(signedAt.ToString("yyyyMMdd", CultureInfo.InvariantCulture), match.Groups["date"].Value);
            Assert.Contains("Version=2010-03-31", request.Body);
        }
    }

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=test/(?<date>\d{8})/(?<region>[a-z0-9-]+)/sns/aws4_request, SignedHeaders=(?<signed>[a-z0-9;-]+), Signature=[0-9a-f]{64}$")]
    private static partial Regex SigV4Authorization();
}
