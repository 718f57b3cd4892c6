using System.Web;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Onboarding.Grains.Templates;
using Onboarding.Silo.Aws;
using Onboarding.Silo.Aws.Presigning;
using Onboarding.Silo.Configuration;
using Onboarding.Tests.Infrastructure;

namespace Onboarding.Tests.Unit.Aws;

/// <summary>The S3 template store's presigning against AWS's own endpoint (signing is local: nothing is sent).</summary>
public sealed class TemplatePresigningTests
{
    /// <summary>The longest bucket name S3 allows, and a key as the service makes them.</summary>
    private static readonly string Bucket = "partner-onboarding-templates-" + new string('x', 63 - 29);
    private const string Key = "templates/123456789012/Qx7vB2mK9pL4sT8wZ3yN6cF1hJ5dR0aE.json";
    private const string Region = "ap-southeast-2";
    private const string AccessKeyId = "AKIAIOSFODNN7EXAMPLE";
    private const string SecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    private S3TemplateStore Store(AWSCredentials credentials)
    {
        var config = new AmazonS3Config { RegionEndpoint = RegionEndpoint.GetBySystemName(Region) };
        var presigner = new AmazonS3Client(credentials, config);
        return new S3TemplateStore(presigner, presigner, new PresigningCredentials(credentials),
            Options.Create(new ResourceOptions { TemplateBucket = Bucket }), _clock);
    }

    [Fact]
    public async Task With_a_long_term_key_the_template_url_fits_the_console_and_lives_its_whole_lifetime()
    {
        var presigned = await Store(new BasicAWSCredentials(AccessKeyId, SecretAccessKey)).PresignAsync(Key, Lifetime, CancellationToken.None);

        Assert.Equal(Uri.UriSchemeHttps, presigned.Url.Scheme);
        Assert.InRange(presigned.Url.AbsoluteUri.Length, 1, CloudFormationLimits.MaxTemplateUrlLength);
        var query = HttpUtility.ParseQueryString(presigned.Url.Query);
        Assert.Null(query["X-Amz-Security-Token"]);
        Assert.StartsWith(AccessKeyId + "/", query["X-Amz-Credential"]);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds((_clock.GetUtcNow() + Lifetime).ToUnixTimeSeconds()), presigned.ExpiresAt);
        LaunchUrlBuilder.Build(Region, presigned.Url, "PartnerOnboarding-123456789012");
    }

    [Fact]
    public async Task With_a_session_token_the_template_url_is_too_long_for_the_console()
    {
        var token = TemporaryCredentials.SessionToken;
        Assert.InRange(token.Length, 850, 1_000);

        var presigned = await Store(new SessionAWSCredentials(TemporaryCredentials.AccessKeyId, TemporaryCredentials.SecretAccessKey, token)).PresignAsync(Key, Lifetime, CancellationToken.None);

        Assert.Equal(token, HttpUtility.ParseQueryString(presigned.Url.Query)["X-Amz-Security-Token"]);
        var tooLong = Assert.Throws<TemplateUrlTooLongException>(() => LaunchUrlBuilder.Build(Region, presigned.Url, "PartnerOnboarding-123456789012"));
        Assert.True(tooLong.Length > CloudFormationLimits.MaxTemplateUrlLength);
    }

    [Fact]
    public async Task Temporary_credentials_expiring_within_the_lifetime_cap_the_url_and_its_recorded_expiry()
    {
        var credentialsExpire = _clock.GetUtcNow().AddMinutes(20);
        var credentials = new SessionAWSCredentials(TemporaryCredentials.AccessKeyId, TemporaryCredentials.SecretAccessKey, "short-token") { Expiration = credentialsExpire.UtcDateTime };

        var presigned = await Store(credentials).PresignAsync(Key, Lifetime, CancellationToken.None);

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(credentialsExpire.ToUnixTimeSeconds()), presigned.ExpiresAt);
        // The URL itself says so too: it is signed to expire with its credentials, not after the hour.
        var expiresIn = int.Parse(HttpUtility.ParseQueryString(presigned.Url.Query)["X-Amz-Expires"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expiresIn, 1, 20 * 60);
    }
}
