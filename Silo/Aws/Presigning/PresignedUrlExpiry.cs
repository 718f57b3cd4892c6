namespace Onboarding.Silo.Aws.Presigning;

/// <summary>When a URL presigned now really stops working.</summary>
public static class PresignedUrlExpiry
{
    /// <summary>
    /// The earlier of <paramref name="now"/> + <paramref name="lifetime"/> and the signing credentials'
    /// expiry (null for long-term keys): S3 refuses a URL whose credentials expired, whatever its
    /// X-Amz-Expires. Whole seconds, as X-Amz-Expires counts them, so the URL says what is recorded.
    /// </summary>
    public static DateTimeOffset Of(DateTimeOffset now, TimeSpan lifetime, DateTime? credentialsExpiration)
    {
        var expiresAt = now + lifetime;
        if (credentialsExpiration is { } expiration)
        {
            // The SDK keeps expirations in UTC; an unspecified kind is read as UTC too.
            var credentialsExpireAt = new DateTimeOffset(expiration.Kind == DateTimeKind.Local ? expiration.ToUniversalTime() : DateTime.SpecifyKind(expiration, DateTimeKind.Utc));
            if (credentialsExpireAt < expiresAt) expiresAt = credentialsExpireAt;
        }
        return DateTimeOffset.FromUnixTimeSeconds(expiresAt.ToUnixTimeSeconds());
    }
}
