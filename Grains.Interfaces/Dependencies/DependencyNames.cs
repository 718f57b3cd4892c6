namespace Onboarding.Dependencies;

/// <summary>The names the service gives its dependencies, in readiness reports and 503 answers alike.</summary>
public static class DependencyNames
{
    public const string DynamoDb = "dynamodb";
    public const string Sns = "sns";
    public const string Sqs = "sqs";
    public const string S3 = "s3";
    /// <summary>STS, where the service checks customers' roles.</summary>
    public const string Sts = "sts";
    /// <summary>The Orleans cluster, as the API sees it.</summary>
    public const string Cluster = "orleans";
}
