using Onboarding.CustomerSimulation.LocalAws;
using System.Collections.Concurrent;
using System.Net;
using Onboarding.Tests.Infrastructure;

namespace Onboarding.Tests.Infrastructure.Events;

/// <summary>
/// A loopback HTTP server that answers requests with scripted status codes (the last one repeats) and
/// records what it received.
/// </summary>
internal sealed class ScriptedHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Queue<Action<HttpListenerResponse>> _script;
    private readonly Action<HttpListenerResponse> _last;
    private readonly Task _loop;

    public ScriptedHttpServer(params Action<HttpListenerResponse>[] script)
    {
        _script = new Queue<Action<HttpListenerResponse>>(script);
        _last = script[^1];
        BaseUrl = new Uri($"http://127.0.0.1:{FreePorts.Next()}/");
        _listener.Prefixes.Add(BaseUrl.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseUrl { get; }

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    public static Action<HttpListenerResponse> Status(HttpStatusCode status) => response => response.StatusCode = (int)status;

    public static Action<HttpListenerResponse> Redirect(Uri location) => response =>
    {
        response.StatusCode = (int)HttpStatusCode.Found;
        response.RedirectLocation = location.ToString();
    };

    public void Dispose()
    {
        _listener.Close();
        // The loop ends with the listener; its exception is the expected "listener closed".
        _loop.ContinueWith(_ => { }, TaskScheduler.Default).Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            var context = await _listener.GetContextAsync();
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            Received.Enqueue(new ReceivedRequest(
                context.Request.HttpMethod,
                context.Request.Url!.PathAndQuery,
                context.Request.Headers["Content-Type"],
                body.ToArray()));
            (_script.TryDequeue(out var next) ? next : _last)(context.Response);
            context.Response.Close();
        }
    }
}

internal sealed record ReceivedRequest(string Method, string PathAndQuery, string? ContentType, byte[] Body);
