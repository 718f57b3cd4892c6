namespace Onboarding.Silo.Retries;

/// <summary>
/// Reads each answer's body into memory inside its attempt, under the retry pipeline: the attempt timeout
/// then covers a body that stalls, and the retry decision can read an error answer's body.
/// </summary>
internal sealed class ResponseBuffering : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
