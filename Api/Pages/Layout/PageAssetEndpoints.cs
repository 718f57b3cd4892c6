using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace Onboarding.Api.Pages.Layout;

/// <summary>The pages' own CSS and script files (embedded in the assembly: no build chain, nothing to copy), and the brand colour.</summary>
public static class PageAssetEndpoints
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        ["pages.css"] = "text/css; charset=utf-8",
        ["onboarding.js"] = "text/javascript; charset=utf-8",
    };

    private static readonly ConcurrentDictionary<string, string?> Texts = new(StringComparer.Ordinal);

    public static IEndpointRouteBuilder MapPageAssets(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(PageLayout.AssetsPath + "brand.css", (IOptions<PageOptions> options) =>
                Asset($":root {{ --accent: {options.Value.AccentColour}; }}\n", "text/css; charset=utf-8"))
            .AllowAnonymous().ExcludeFromDescription();
        routes.MapGet(PageLayout.AssetsPath + "{name}", (string name) =>
                ContentTypes.TryGetValue(name, out var type) && Texts.GetOrAdd(name, Read) is { } text ? Asset(text, type) : Results.NotFound())
            .AllowAnonymous().ExcludeFromDescription();
        return routes;
    }

    private static IResult Asset(string text, string contentType) => new AssetResult(text, contentType);

    private static string? Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Onboarding.Api.Pages.Assets." + name);
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed class AssetResult(string text, string contentType) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.ContentType = contentType;
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.CacheControl = "public, max-age=300";
            return http.Response.WriteAsync(text);
        }
    }
}
