using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Onboarding.Tests.Infrastructure;

/// <summary>
/// Lets a test play clients at different addresses: the in-memory test server has none, so the API
/// takes the client's address from <see cref="HeaderName"/> (only in fixtures that add this filter).
/// </summary>
public sealed class ClientAddressFromHeader : IStartupFilter
{
    public const string HeaderName = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((http, nextMiddleware) =>
        {
            if (http.Request.Headers.TryGetValue(HeaderName, out var address)) http.Connection.RemoteIpAddress = IPAddress.Parse(address!);
            return nextMiddleware(http);
        });
        next(app);
    };
}
