using Onboarding.CustomerSimulation.LocalAws;
using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Onboarding.Bench.Processes;
using Onboarding.CustomerSimulation.CloudFormation;

namespace Onboarding.Bench.Driving;

/// <summary>
/// CloudFormation's answer bucket for the bench: ResponseURLs on a loopback listener in the bench, so an
/// answer is seen the moment it is PUT. On AWS that bucket is CloudFormation's, not the service's; here,
/// polling it on the stand-in would add ~9 S3 GETs per onboarding of customer-side load to the same two
/// cores and blur publish→answer latency by the polling step. The service PUTs to it exactly as to S3
/// (its origin is allowed in the silo's Events:AllowedResponseUrlOrigins).
/// </summary>
public sealed class LoopbackResponseEndpoint : IResponseEndpoint, IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _answers = new(StringComparer.Ordinal);
    private readonly WebApplication _app;

    public int Port { get; } = FreePorts.Next();
    public string Origin => $"http://127.0.0.1:{Port}";

    public LoopbackResponseEndpoint()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Port));
        _app = builder.Build();
        _app.MapPut("/cfn-responses/{key}", async (string key, HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            Waiting(key).TrySetResult(body.RootElement.Clone());
            return Results.Ok();
        });
    }

    public Task StartAsync() => _app.StartAsync();

    public Task<(string ResponseUrl, string AnswerKey)> NewAsync(string accountId, CancellationToken cancellationToken)
    {
        var key = $"{accountId}-{Guid.NewGuid():N}";
        Waiting(key);
        // Shaped like a presigned S3 PUT URL; nothing checks the signature, as on the stand-in.
        return Task.FromResult(($"{Origin}/cfn-responses/{key}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=bench", key));
    }

    public async Task<JsonElement> AnswerAsync(string answerKey, CancellationToken cancellationToken)
    {
        try
        {
            return await Waiting(answerKey).Task.WaitAsync(Timeout, cancellationToken);
        }
        finally
        {
            _answers.TryRemove(answerKey, out _);
        }
    }

    public Task<JsonElement?> TryReadAnswerAsync(string answerKey, CancellationToken cancellationToken) =>
        Task.FromResult(Waiting(answerKey).Task.IsCompletedSuccessfully ? Waiting(answerKey).Task.Result : (JsonElement?)null);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private TaskCompletionSource<JsonElement> Waiting(string key) =>
        _answers.GetOrAdd(key, _ => new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously));
}
