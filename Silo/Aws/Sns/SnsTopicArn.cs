namespace Onboarding.Silo.Aws.Sns;

/// <summary>
/// The parts of <c>arn:PARTITION:sns:REGION:ACCOUNT:NAME</c> the client needs: the region decides
/// where a call is sent and for which region it is signed.
/// </summary>
internal readonly record struct SnsTopicArn(string Partition, string Region, string Account, string Name)
{
    private const string Prefix = "arn";
    private const string Service = "sns";
    private const int PartCount = 6;

    public static SnsTopicArn Parse(string topicArn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topicArn);
        var parts = topicArn.Split(':');
        if (parts.Length != PartCount || parts[0] != Prefix || parts[2] != Service
            || parts[1].Length == 0 || parts[4].Length == 0 || parts[5].Length == 0
            || !SnsRegion.IsValid(parts[3]))
        {
            throw new ArgumentException($"Not an SNS topic ARN: '{topicArn}'.", nameof(topicArn));
        }
        return new SnsTopicArn(parts[1], parts[3], parts[4], parts[5]);
    }
}
