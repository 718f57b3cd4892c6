namespace Onboarding.Api.Customers;

/// <summary>What the API accepts from partner clients (section "Api").</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>The region used when a request names none (the silo decides which regions are allowed).</summary>
    public string DefaultRegion { get; set; } = "us-east-1";

    public int MaxReferenceLength { get; set; } = 256;

    public int MaxRequestBodyBytes { get; set; } = 16 * 1024;

    /// <summary>
    /// Requests to customer links (/launch/{token}) one client address may make per
    /// <see cref="CustomerLinkWindow"/>; then 429. A customer opens its link a few times at most.
    /// </summary>
    public int CustomerLinkRequestsPerWindow { get; set; } = 30;

    public TimeSpan CustomerLinkWindow { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>The Retry-After of a 503 answered because the Orleans cluster did not answer.</summary>
    public TimeSpan ClusterRetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}
