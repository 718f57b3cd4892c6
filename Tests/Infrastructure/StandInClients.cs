using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;

namespace Onboarding.Tests.Infrastructure;

/// <summary>AWS SDK clients pointed at the stand-ins, for test set-up and assertions.</summary>
public static class StandInClients
{
    public static readonly AWSCredentials Credentials = new BasicAWSCredentials("test", "test");

    public static AmazonDynamoDBClient DynamoDb(LocalAwsStandIns aws) =>
        new(Credentials, new AmazonDynamoDBConfig { ServiceURL = aws.DynamoDbUrl.ToString(), AuthenticationRegion = "us-east-1" });

    public static AmazonSQSClient Sqs(LocalAwsStandIns aws) =>
        new(Credentials, new AmazonSQSConfig { ServiceURL = aws.AwsUrl.ToString(), AuthenticationRegion = "us-east-1" });

    public static AmazonS3Client S3(LocalAwsStandIns aws) =>
        new(Credentials, new AmazonS3Config { ServiceURL = aws.AwsUrl.ToString(), AuthenticationRegion = "us-east-1", ForcePathStyle = true });
}
