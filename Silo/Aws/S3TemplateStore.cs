using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;
using Onboarding.Grains.Ports;
using Onboarding.Silo.Configuration;

namespace Onboarding.Silo.Aws;

/// <summary>Templates as private objects in the template bucket, read by customers through presigned GET URLs.</summary>
public sealed class S3TemplateStore(IAmazonS3 s3, IOptions<ResourceOptions> resources, TimeProvider clock) : ITemplateStore
{
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
        // Whole seconds: SigV4's X-Amz-Expires is in seconds, so the recorded expiry matches the URL's.
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().Add(lifetime).ToUnixTimeSeconds());
        var url = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = Bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = expiresAt.UtcDateTime,
            // The SDK presigns https unless told otherwise; a stand-in endpoint may be plain http.
            Protocol = s3.Config.ServiceURL?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS,
        });
        return new PresignedUrl(new Uri(url), expiresAt);
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        // S3 answers 204 for a missing key too, so a repeated delete is harmless.
        await s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Bucket, Key = key }, cancellationToken);
    }
}
