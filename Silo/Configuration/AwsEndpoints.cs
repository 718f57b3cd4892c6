namespace Onboarding.Silo.Configuration;

public sealed class AwsEndpoints
{
    public Uri? DynamoDb { get; set; }
    public Uri? Sns { get; set; }
    public Uri? Sqs { get; set; }
    public Uri? S3 { get; set; }
    public Uri? Sts { get; set; }

    public IEnumerable<(string Name, Uri? Url)> All =>
        [("DynamoDb", DynamoDb), ("Sns", Sns), ("Sqs", Sqs), ("S3", S3), ("Sts", Sts)];
}
