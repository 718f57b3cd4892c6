using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Onboarding.Grains.Events;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Infrastructure.Events;

namespace Onboarding.Tests.Integration.Events;

/// <summary>An answer PUT to a presigned S3 URL, as CloudFormation hands them out, on fauxqs.</summary>
[Collection(LocalAwsCollection.Name)]
public sealed class CloudFormationAnswerStandInTests(LocalAwsStandIns aws)
{
    [Fact]
    public async Task The_answer_lands_in_S3_byte_for_byte()
    {
        using var s3 = StandInClients.S3(aws);
        var bucket = "cfn-responses-" + Guid.NewGuid().ToString("N")[..12];
        await s3.PutBucketAsync(bucket);
        // CloudFormation's object keys are the stack ARN, logical id and request id joined by '|'.
        var key = $"{HttpCloudFormationResponderTests.Answer.StackId}|{HttpCloudFormationResponderTests.Answer.LogicalResourceId}|{HttpCloudFormationResponderTests.Answer.RequestId}";
        var presigned = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = bucket,
            Key = key,
            Verb = HttpVerb.PUT,
            Protocol = Protocol.HTTP,
            Expires = DateTime.UtcNow.AddHours(2),
        });
        var (services, responder) = ResponderFactory.Create(maxAttempts: 1);
        await using var _ = services;

        var delivery = await responder.SendAsync(new Uri(presigned), HttpCloudFormationResponderTests.Answer, CancellationToken.None);

        Assert.True(delivery.Delivered, $"{delivery.StatusCode} {delivery.Error}");
        Assert.Equal((int)HttpStatusCode.OK, delivery.StatusCode);
        using var stored = await s3.GetObjectAsync(bucket, key);
        using var body = new MemoryStream();
        await stored.ResponseStream.CopyToAsync(body);
        Assert.Equal(CustomResourceAnswerJson.Serialize(HttpCloudFormationResponderTests.Answer), body.ToArray());
    }
}
