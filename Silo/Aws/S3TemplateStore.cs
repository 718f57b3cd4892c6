using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;
using Onboarding.Grains.Ports;
using Onboarding.Silo.Aws.Presigning;
using Onboarding.Silo.Configuration;

namespace Onboarding.Silo.Aws;

/// <summary>
/// Templates as private objects in the template bucket, read by customers through presigned GET URLs
/// signed by <paramref name="presigner"/> (a client holding the presigning credentials; signing is local).
/// </summary>
public sealed class S3TemplateStore(
    IAmazonS3 s3,
    [FromKeyedServices(S3TemplateStore.PresignerKey)] IAmazonS3 presigner,
    PresigningCredentials presigning,
    IOptions<ResourceOptions> resources,
    TimeProvider clock) : ITemplateStore
{
    /// <summary>The service key of the S3 client that signs template URLs with <see cref="PresigningCredentials"/>.</summary>
    public const string PresignerKey = "template-presigner";

    private const string JsonContentType = "application/json";

    private string Bucket => resources.Value.TemplateBucket;

    public async Task PutAsync(string key, string templateBody, CancellationToken cancellationToken)
    {
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = Bucket,
            Key = key,
            ContentBody = templateBody,
            ContentType = JsonContentType,
            ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256,
        }, cancellationToken);
    }

    public async Task<PresignedUrl> PresignAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        // Loaded (or refreshed) first: temporary credentials know their expiry only once loaded.
        await presigning.Credentials.GetCredentialsAsync();
        var expiresAt = PresignedUrlExpiry.Of(clock.GetUtcNow(), lifetime, presigning.Credentials.Expiration);
        var url = await presigner.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = Bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = expiresAt.UtcDateTime,
            // The SDK presigns https unless told otherwise; a stand-in endpoint may be plain http.
            Protocol = presigner.Config.ServiceURL?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS,
        });
        return new PresignedUrl(new Uri(url), expiresAt);
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        // S3 answers 204 for a missing key too, so a repeated delete is harmless.
        await s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Bucket, Key = key }, cancellationToken);
    }
}
