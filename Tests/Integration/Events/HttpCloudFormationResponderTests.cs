using Onboarding.CustomerSimulation.LocalAws;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Onboarding.Events;
using Onboarding.Grains.Events;
using Onboarding.Silo.Events;
using Onboarding.Silo.Retries;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Infrastructure.Events;

namespace Onboarding.Tests.Integration.Events;

/// <summary>Retry and redirect behaviour against a scripted loopback server.</summary>
public sealed class HttpCloudFormationResponderTests
{
    internal static readonly CustomResourceAnswer Answer = new()
    {
        Status = CustomResourceAnswer.Success,
        Reason = "registered",
        PhysicalResourceId = "onboarding-123456789012-00112233aabbccdd",
        StackId = "arn:aws:cloudformation:eu-west-1:123456789012:stack/partner-onboarding/0f1e2d3c",
        RequestId = "5d1e4f7a-0000-4000-8000-000000000001",
        LogicalResourceId = "PartnerRegistration",
    };

    [Fact]
    public async Task Two_server_errors_then_success_is_delivered_on_the_third_attempt()
    {
        using var server = new ScriptedHttpServer(
            ScriptedHttpServer.Status(HttpStatusCode.InternalServerError),
            ScriptedHttpServer.Status(HttpStatusCode.ServiceUnavailable),
            ScriptedHttpServer.Status(HttpStatusCode.OK));
        var (services, responder) = ResponderFactory.Create(maxAttempts: 5);
        await using var _ = services;

        var delivery = await responder.SendAsync(new Uri(server.BaseUrl, "bucket/key?X-Amz-Signature=s"), Answer, CancellationToken.None);

        Assert.True(delivery.Delivered, delivery.Error);
        Assert.Equal(3, delivery.Attempts);
        Assert.Equal(200, delivery.StatusCode);
        Assert.Equal(3, server.Received.Count);
        var expectedBody = CustomResourceAnswerJson.Serialize(Answer);
        Assert.All(server.Received, request =>
        {
            Assert.Equal("PUT", request.Method);
            Assert.Equal("/bucket/key?X-Amz-Signature=s", request.PathAndQuery);
            Assert.Null(request.ContentType);
            Assert.Equal(expectedBody, request.Body);
        });
    }

    [Fact]
    public async Task Too_many_requests_is_retried()
    {
        using var server = new ScriptedHttpServer(ScriptedHttpServer.Status(HttpStatusCode.TooManyRequests), ScriptedHttpServer.Status(HttpStatusCode.OK));
        var (services, responder) = ResponderFactory.Create();
        await using var _ = services;

        var delivery = await responder.SendAsync(server.BaseUrl, Answer, CancellationToken.None);

        Assert.True(delivery.Delivered);
        Assert.Equal(2, delivery.Attempts);
    }

    [Fact]
    public async Task Server_errors_on_every_attempt_stop_after_max_attempts()
    {
        using var server = new ScriptedHttpServer(ScriptedHttpServer.Status(HttpStatusCode.BadGateway));
        var (services, responder) = ResponderFactory.Create(maxAttempts: 3);
        await using var _ = services;

        var delivery = await responder.SendAsync(server.BaseUrl, Answer, CancellationToken.None);

        Assert.False(delivery.Delivered);
        Assert.Equal(3, delivery.Attempts);
        Assert.Equal(502, delivery.StatusCode);
        Assert.Contains("502", delivery.Error, StringComparison.Ordinal);
        Assert.Equal(3, server.Received.Count);
    }

    [Fact]
    public async Task Forbidden_is_attempted_once_and_not_delivered()
    {
        using var server = new ScriptedHttpServer(ScriptedHttpServer.Status(HttpStatusCode.Forbidden), ScriptedHttpServer.Status(HttpStatusCode.OK));
        var (services, responder) = ResponderFactory.Create(maxAttempts: 5);
        await using var _ = services;

        var delivery = await responder.SendAsync(server.BaseUrl, Answer, CancellationToken.None);

        Assert.False(delivery.Delivered);
        Assert.Equal(1, delivery.Attempts);
        Assert.Equal(403, delivery.StatusCode);
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_not_delivered()
    {
        using var elsewhere = new ScriptedHttpServer(ScriptedHttpServer.Status(HttpStatusCode.OK));
        using var server = new ScriptedHttpServer(ScriptedHttpServer.Redirect(new Uri(elsewhere.BaseUrl, "stolen")));
        var (services, responder) = ResponderFactory.Create(maxAttempts: 5);
        await using var _ = services;

        var delivery = await responder.SendAsync(server.BaseUrl, Answer, CancellationToken.None);

        Assert.False(delivery.Delivered);
        Assert.Equal(1, delivery.Attempts);
        Assert.Equal(302, delivery.StatusCode);
        Assert.Single(server.Received);
        Assert.Empty(elsewhere.Received);
    }

    [Fact]
    public async Task A_refused_connection_is_retried_then_reported_as_a_network_error()
    {
        var nobody = new Uri($"http://127.0.0.1:{FreePorts.Next()}/bucket/key");
        var (services, responder) = ResponderFactory.Create(maxAttempts: 3);
        await using var _ = services;

        var delivery = await responder.SendAsync(nobody, Answer, CancellationToken.None);

        Assert.False(delivery.Delivered);
        Assert.Equal(3, delivery.Attempts);
        Assert.Null(delivery.StatusCode);
        Assert.Contains("network error", delivery.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silent_server_times_out_each_attempt()
    {
        // Accepts the connection and never answers.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/key");
        var (services, responder) = ResponderFactory.Create(maxAttempts: 2, attemptTimeout: TimeSpan.FromMilliseconds(200));
        await using var _ = services;

        var delivery = await responder.SendAsync(url, Answer, CancellationToken.None);

        Assert.False(delivery.Delivered);
        Assert.Equal(2, delivery.Attempts);
        Assert.Contains("no answer within", delivery.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_total_timeout_ends_the_retries_before_the_last_attempt()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/key");
        var (services, responder) = ResponderFactory.Create(maxAttempts: 10, attemptTimeout: TimeSpan.FromMilliseconds(200), totalTimeout: TimeSpan.FromMilliseconds(300));
        await using var _ = services;

        var delivery = await responder.SendAsync(url, Answer, CancellationToken.None);

        Assert.False(delivery.Delivered);
        Assert.InRange(delivery.Attempts, 1, 9);
        Assert.Contains("no answer within", delivery.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_line_logged_while_retrying_and_failing_carries_the_presigned_query()
    {
        using var server = new ScriptedHttpServer(
            ScriptedHttpServer.Status(HttpStatusCode.InternalServerError),
            ScriptedHttpServer.Status(HttpStatusCode.ServiceUnavailable),
            ScriptedHttpServer.Status(HttpStatusCode.Forbidden));
        var logs = new CapturedLogs();
        var (services, responder) = ResponderFactory.Create(maxAttempts: 5, logs: logs);
        await using var _ = services;

        var delivery = await responder.SendAsync(new Uri(server.BaseUrl, "bucket/key?X-Amz-Credential=AKIASECRET&X-Amz-Signature=5ec2e7"), Answer, CancellationToken.None);

        Assert.Equal(3, delivery.Attempts);
        Assert.Equal(2, logs.Lines.Count(l => l.Message.Contains("retrying in", StringComparison.Ordinal)));
        Assert.Single(logs.Lines, l => l.Level == LogLevel.Error && l.Message.Contains("NOT delivered", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Category.StartsWith("Polly", StringComparison.Ordinal));
        Assert.All(logs.Lines, l =>
        {
            Assert.DoesNotContain("X-Amz", l.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("AKIASECRET", l.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("5ec2e7", l.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Cancellation_by_the_caller_throws()
    {
        using var server = new ScriptedHttpServer(ScriptedHttpServer.Status(HttpStatusCode.OK));
        var (services, responder) = ResponderFactory.Create();
        await using var _ = services;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => responder.SendAsync(server.BaseUrl, Answer, new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Logged_targets_never_carry_the_query_or_user_info()
    {
        var target = HttpCloudFormationResponder.Loggable(new Uri("https://user:pw@bucket.s3.amazonaws.com/arn%3Aaws/key?X-Amz-Signature=secret&X-Amz-Credential=c"));

        Assert.Equal("https://bucket.s3.amazonaws.com/arn%3Aaws/key", target);
    }

    [Theory]
    [InlineData(0, 1, 1, 1)]
    [InlineData(11, 1, 1, 1)]
    [InlineData(3, -1, 1, 1)]
    [InlineData(3, 10, 5, 1)]
    [InlineData(3, 1, 1, 0)]
    public void Invalid_options_are_rejected(int maxAttempts, int baseMs, int maxMs, int timeoutMs)
    {
        var services = new ServiceCollection().AddLogging().AddCloudFormationResponder(o =>
        {
            o.MaxAttempts = maxAttempts;
            o.BaseDelay = TimeSpan.FromMilliseconds(baseMs);
            o.MaxDelay = TimeSpan.FromMilliseconds(maxMs);
            o.AttemptTimeout = TimeSpan.FromMilliseconds(timeoutMs);
        }).BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<Onboarding.Grains.Ports.ICloudFormationResponder>());
    }

    [Fact]
    public void Default_options_are_valid() =>
        Assert.True(new HttpRetryOptionsValidator().Validate(HttpCloudFormationResponder.HttpClientName, new HttpRetryOptions()).Succeeded);
}
