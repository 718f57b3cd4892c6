using System.Net;
using Onboarding.Silo.Aws.Sns;
using Onboarding.Tests.Infrastructure.Sns;

namespace Onboarding.Tests.Unit.Sns;

/// <summary>Retry decisions, with a scripted transport under the signer and millisecond backoff.</summary>
public sealed class SnsRetryTests
{
    [Fact]
    public async Task Throttling_twice_then_success_succeeds_on_the_third_attempt()
    {
        var handler = new ScriptedSnsHandler(
            () => ScriptedSnsHandler.Error(HttpStatusCode.BadRequest, "Throttling"),
            () => ScriptedSnsHandler.Error(HttpStatusCode.BadRequest, "Throttling"),
            () => ScriptedSnsHandler.PublishOk("m-1"));
        using var sns = SnsTestClients.Scripted(handler, maxAttempts: 5);

        var messageId = await sns.PublishAsync(SnsTestClients.FakeTopicArn, "hello");

        Assert.Equal("m-1", messageId);
        Assert.Equal(3, handler.Attempts);
    }

    [Fact]
    public async Task A_non_retryable_error_is_attempted_once()
    {
        var handler = new ScriptedSnsHandler(() => ScriptedSnsHandler.Error(HttpStatusCode.BadRequest, "InvalidParameter"));
        using var sns = SnsTestClients.Scripted(handler, maxAttempts: 5);

        var error = await Assert.ThrowsAsync<SnsInvalidParameterException>(() => sns.PublishAsync(SnsTestClients.FakeTopicArn, "hello"));

        Assert.Equal("InvalidParameter", error.Code);
        Assert.Equal("scripted InvalidParameter", error.ErrorMessage);
        Assert.Equal("req-InvalidParameter", error.RequestId);
        Assert.Equal(1, handler.Attempts);
    }

    [Fact]
    public async Task Throttling_on_every_attempt_throws_throttled_after_max_attempts()
    {
        var handler = new ScriptedSnsHandler(() => ScriptedSnsHandler.Error(HttpStatusCode.BadRequest, "Throttling"));
        using var sns = SnsTestClients.Scripted(handler, maxAttempts: 3);

        var error = await Assert.ThrowsAsync<SnsThrottledException>(() => sns.PublishAsync(SnsTestClients.FakeTopicArn, "hello"));

        Assert.Equal("Throttling", error.Code);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal(3, handler.Attempts);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, "ThrottledException")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "RequestLimitExceeded")]
    public async Task Other_throttling_answers_are_typed_as_throttled(HttpStatusCode status, string code)
    {
        var handler = new ScriptedSnsHandler(() => ScriptedSnsHandler.Error(status, code));
        using var sns = SnsTestClients.Scripted(handler, maxAttempts: 1);

        var error = await Assert.ThrowsAsync<SnsThrottledException>(() => sns.PublishAsync(SnsTestClients.FakeTopicArn, "hello"));

        Assert.Equal(code, error.Code);
        Assert.Equal(status, error.StatusCode);
    }

    [Fact]
    public async Task A_server_error_and_a_network_failure_are_retried()
    {
        var handler = new ScriptedSnsHandler(
            () => ScriptedSnsHandler.Error(HttpStatusCode.InternalServerError, "InternalError"),
            ScriptedSnsHandler.NetworkFailure,
            () => ScriptedSnsHandler.PublishOk("m-2"));
        using var sns = SnsTestClients.Scripted(handler, maxAttempts: 3);

        Assert.Equal("m-2", await sns.PublishAsync(SnsTestClients.FakeTopicArn, "hello"));
        Assert.Equal(3, handler.Attempts);
    }

    [Fact]
    public async Task An_authorization_error_is_typed_and_not_retried()
    {
        var handler = new ScriptedSnsHandler(() => ScriptedSnsHandler.Error(HttpStatusCode.Forbidden, "AuthorizationError"));
        using var sns = SnsTestClients.Scripted(handler, maxAttempts: 5);

        var error = await Assert.ThrowsAsync<SnsAuthorizationException>(() => sns.PublishAsync(SnsTestClients.FakeTopicArn, "hello"));

        Assert.Equal("AuthorizationError", error.Code);
        Assert.Equal(1, handler.Attempts);
    }

    [Fact]
    public async Task An_error_answer_that_is_not_xml_keeps_its_status_and_a_5xx_one_is_retried()
    {
        var handler = new ScriptedSnsHandler(() => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>bad gateway") });
        using var sns = SnsTestClients.Scripted(handler, maxAttempts: 2);

        var error = await Assert.ThrowsAsync<SnsException>(() => sns.PublishAsync(SnsTestClients.FakeTopicArn, "hello"));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.DoesNotContain("html", error.Message);
        Assert.Equal(2, handler.Attempts);
    }
}
