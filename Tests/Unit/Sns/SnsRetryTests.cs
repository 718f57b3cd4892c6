using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Amazon.Runtime;
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

    [Fact]
    public async Task Each_attempt_is_signed_anew_with_the_credentials_current_at_that_attempt()
    {
        var scripted = new ScriptedSnsHandler(
            () => ScriptedSnsHandler.Error(HttpStatusCode.BadRequest, "Throttling"),
            () => ScriptedSnsHandler.Error(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable"),
            () => ScriptedSnsHandler.PublishOk("m-3"));
        var recorder = new RecordingHandler(scripted);
        using var sns = SnsTestClients.Scripted(recorder, maxAttempts: 3, credentials: new RotatingCredentials());

        Assert.Equal("m-3", await sns.PublishAsync(SnsTestClients.FakeTopicArn, "hello"));

        // One Authorization header per attempt, from that attempt's credentials: the signer runs inside the retry.
        Assert.Equal(
            ["Credential=KEY1/", "Credential=KEY2/", "Credential=KEY3/"],
            recorder.Requests.Select(r => Regex.Match(r.Authorization ?? "", "^AWS4-HMAC-SHA256 (Credential=KEY[0-9]+/)[^,]*, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$").Groups[1].Value));
        Assert.All(recorder.Requests, r => Assert.Contains("Action=Publish", r.Body));
    }

    [Fact]
    public async Task An_attempt_that_gets_no_answer_in_time_is_retried_and_the_call_ends_in_a_timeout()
    {
        var silent = new SilentHandler();
        using var sns = SnsTestClients.Scripted(silent, maxAttempts: 2, attemptTimeout: TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAsync<TimeoutException>(() => sns.PublishAsync(SnsTestClients.FakeTopicArn, "hello"));

        Assert.Equal(2, silent.Attempts);
    }

    /// <summary>Hands out a new key on every resolution, as a rotating credential source may.</summary>
    private sealed class RotatingCredentials : AWSCredentials
    {
        private int _issued;

        public override ImmutableCredentials GetCredentials() => new($"KEY{Interlocked.Increment(ref _issued)}", "secret", null);
    }

    /// <summary>Accepts every request and never answers.</summary>
    private sealed class SilentHandler : HttpMessageHandler
    {
        private int _attempts;

        public int Attempts => _attempts;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _attempts);
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new UnreachableException();
        }
    }
}
