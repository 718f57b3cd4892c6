namespace Onboarding.Silo.Aws;

/// <summary>Error codes with which AWS services say "too many requests, slow down".</summary>
internal static class AwsThrottlingCodes
{
    // SNS answers Throttling / ThrottledException, DynamoDB ProvisionedThroughputExceeded / RequestLimitExceeded /
    // ThrottlingException, S3 SlowDown, SQS RequestThrottled; the others come from the shared AWS front end
    // or from KMS behind encrypted topics, queues and tables.
    private static readonly HashSet<string> Codes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "Throttled", "TooManyRequests",
        "TooManyRequestsException", "RequestLimitExceeded", "RequestThrottled", "RequestThrottledException",
        "SlowDown", "KMSThrottling", "KMSThrottlingException", "KmsThrottled", "ProvisionedThroughputExceededException",
    };

    public static bool Contains(string? code) => code is not null && Codes.Contains(code);
}
