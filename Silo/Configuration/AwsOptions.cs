namespace Onboarding.Silo.Configuration;

/// <summary>Where the AWS services are and how to sign for them (section "Aws").</summary>
public sealed class AwsOptions
{
    public const string SectionName = "Aws";

    /// <summary>The region of the service's own resources (tables, bucket, queue, notifications topic).</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Endpoint overrides, for the local stand-ins; empty in production.</summary>
    public AwsEndpoints Endpoints { get; set; } = new();

    /// <summary>
    /// Sign with fixed dummy credentials. Only for the local stand-ins, which accept any signature;
    /// allowed only when every endpoint is on loopback. Otherwise the SDK's default credential chain is used.
    /// </summary>
    public bool UseStandInCredentials { get; set; }

    public const int MaxAttemptsLimit = 10;

    /// <summary>
    /// Time one HTTP attempt of an AWS call may take. Bounded, so that an unreachable service fails a call
    /// (answered 503 dependency-unavailable) within MaxAttempts × AttemptTimeout plus backoff, about 15 s
    /// with the defaults: inside a grain call's budget and Orleans' 30 s response timeout, yet long enough
    /// that a slow moment of a loaded store is not taken for an outage.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts per AWS call, the first included (the SDK's and the SNS client's retries).</summary>
    public int MaxAttempts { get; set; } = 3;
}
