using System.Collections.Concurrent;

namespace Onboarding.Tests.Infrastructure.Sns;

/// <summary>Sits between the SDK's signer and the network and keeps each request's headers as sent.</summary>
internal sealed class RecordingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue(new RecordedRequest(
            // Read unparsed: the header is recorded exactly as the signer wrote it.
            request.Headers.NonValidated.TryGetValues("Authorization", out var authorization) ? authorization.ToString() : null,
            request.Headers.NonValidated.TryGetValues("X-Amz-Date", out var date) ? date.ToString() : null,
            body));
        return await base.SendAsync(request, cancellationToken);
    }
}

internal sealed record RecordedRequest(string? Authorization, string? AmzDate, string Body);
