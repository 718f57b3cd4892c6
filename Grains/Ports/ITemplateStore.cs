namespace Onboarding.Grains.Ports;

/// <summary>A URL the customer can read the template from, and when it really stops working.</summary>
public sealed record PresignedUrl(Uri Url, DateTimeOffset ExpiresAt);

/// <summary>Private storage for rendered templates (S3 in the silo).</summary>
public interface ITemplateStore
{
    /// <summary>Stores the template under the key (overwrites: retrying is safe).</summary>
    Task PutAsync(string key, string templateBody, CancellationToken cancellationToken);

    /// <summary>
    /// A GET URL for the stored template, signed now. It stops working after <paramref name="lifetime"/>,
    /// or earlier when the signing credentials expire first (temporary credentials): the returned expiry
    /// is the earlier of the two.
    /// </summary>
    Task<PresignedUrl> PresignAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken);

    /// <summary>Deletes the template; deleting a missing one is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
