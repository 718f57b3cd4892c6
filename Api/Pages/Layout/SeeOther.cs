namespace Onboarding.Api.Pages.Layout;

/// <summary>303 after a form post: the browser shows the result with a GET, and a reload never posts the form again.</summary>
public sealed class SeeOther(string location) : IResult
{
    public Task ExecuteAsync(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        http.Response.StatusCode = StatusCodes.Status303SeeOther;
        http.Response.Headers.Location = location;
        return Task.CompletedTask;
    }
}
