using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;
using Onboarding.Dependencies;
using Onboarding.Silo.Aws.Sns;
using Onboarding.Silo.Dependencies;
using Orleans.Runtime;
using Orleans.Storage;

namespace Onboarding.Tests.Unit.Dependencies;

public sealed class DependencyOutagesTests
{
    public static TheoryData<string, Exception, string?> Cases() => new()
    {
        { "DynamoDB 500", Aws(new AmazonDynamoDBException("boom"), HttpStatusCode.InternalServerError, "InternalServerError"), "dynamodb" },
        { "DynamoDB throttling (HTTP 400)", Aws(new ProvisionedThroughputExceededException("slow down"), HttpStatusCode.BadRequest, "ProvisionedThroughputExceededException"), "dynamodb" },
        { "DynamoDB conditional check", Aws(new ConditionalCheckFailedException("stale"), HttpStatusCode.BadRequest, "ConditionalCheckFailedException"), null },
        { "S3 SlowDown", Aws(new AmazonS3Exception("slow"), HttpStatusCode.ServiceUnavailable, "SlowDown"), "s3" },
        { "S3 access denied", Aws(new AmazonS3Exception("denied"), HttpStatusCode.Forbidden, "AccessDenied"), null },
        { "SQS 429", Aws(new AmazonSQSException("too many"), HttpStatusCode.TooManyRequests, "RequestThrottled"), "sqs" },
        { "SQS bad parameter", Aws(new AmazonSQSException("bad"), HttpStatusCode.BadRequest, "InvalidParameterValue"), null },
        { "SDK timeout", Tagged(new TimeoutException("The operation was canceled.", new TaskCanceledException()), "dynamodb"), "dynamodb" },
        { "connection refused", Tagged(new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused)), "sqs"), "sqs" },
        { "timeout inside Orleans' storage wrapper", new OrleansException("Error from storage provider", Tagged(new TimeoutException(), "dynamodb")), "dynamodb" },
        { "one branch of an aggregate", new AggregateException(new InvalidOperationException("other"), Tagged(new IOException("reset"), "s3")), "s3" },
        { "SNS throttled", new SnsThrottledException("Throttling", "Rate exceeded", HttpStatusCode.BadRequest, null), "sns" },
        { "SNS 503", new SnsException("ServiceUnavailable", "try later", HttpStatusCode.ServiceUnavailable, null), "sns" },
        { "SNS not found", new SnsNotFoundException("NotFound", "no topic", HttpStatusCode.NotFound, null), null },
        { "already the contract", new DependencyUnavailableException("s3", TimeSpan.FromSeconds(5)), "s3" },
        // Not from a dependency's client: the same types are ours, or a test's fault, not an outage.
        { "an untagged timeout", new TimeoutException(), null },
        { "an untagged I/O failure", new IOException("injected DynamoDB failure"), null },
        { "a dependency's call out of its caller's time", Tagged(new OperationCanceledException("cancelled", new IOException()), "dynamodb"), "dynamodb" },
        { "any other cancellation", new OperationCanceledException("shutting down", new IOException()), null },
        { "a bug", new InvalidOperationException("No transition from Active on Start."), null },
        { "an argument", new ArgumentException("bad key"), null },
        { "a stale write", new InconsistentStateException("stale"), null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Only_outages_of_a_named_dependency_are_unavailable(string what, Exception exception, string? dependency) =>
        Assert.True(dependency == DependencyOutages.UnavailableDependency(exception), what);

    [Fact]
    public void The_description_names_types_and_codes_never_the_messages()
    {
        var exception = new OrleansException("grain customer/123456789012 failed",
            Aws(new AmazonDynamoDBException("User arn:aws:sts::123456789012:assumed-role/x is throttled"), HttpStatusCode.BadRequest, "ThrottlingException"));

        var description = DependencyOutages.Describe(exception);

        Assert.Contains("AmazonDynamoDBException (ThrottlingException, HTTP 400)", description);
        Assert.DoesNotContain("123456789012", description);
    }

    private static T Aws<T>(T exception, HttpStatusCode status, string code) where T : AmazonServiceException
    {
        exception.StatusCode = status;
        exception.ErrorCode = code;
        return exception;
    }

    private static Exception Tagged(Exception exception, string dependency)
    {
        DependencyFailureTag.Mark(exception, dependency);
        return exception;
    }
}
