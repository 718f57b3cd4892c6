namespace Onboarding.Api.Customers;

/// <summary>Reads a request body up to a limit, so an oversized body is a clear 400 and never buffered whole.</summary>
public readonly record struct BoundedBody(byte[] Bytes, string? Error)
{
    public static async Task<BoundedBody> ReadAsync(HttpRequest request, int maxBytes)
    {
        if (request.ContentLength > maxBytes) return TooLarge(maxBytes);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBytes) return TooLarge(maxBytes);
            buffer.Write(chunk, 0, read);
        }
        return new BoundedBody(buffer.ToArray(), null);
    }

    private static BoundedBody TooLarge(int maxBytes) =>
        new([], $"The body must be at most {maxBytes} bytes.");
}
