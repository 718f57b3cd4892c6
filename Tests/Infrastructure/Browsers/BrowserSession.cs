using System.Collections.Concurrent;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Onboarding.Tests.Infrastructure.Browsers;

/// <summary>One browser context of a test: its pages, the console URLs they opened, screenshots and accessibility checks.</summary>
public sealed class BrowserSession(IBrowserContext context) : IAsyncDisposable
{
    public IBrowserContext Context { get; } = context;

    /// <summary>Every AWS console URL a page of this context navigated to (answered by a stand-in page).</summary>
    public ConcurrentQueue<Uri> ConsoleVisits { get; } = new();

    /// <summary>Where screenshots go: under the test output, for a person to look at.</summary>
    public static readonly string ScreenshotDirectory = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task<IPage> OpenAsync(string path)
    {
        var page = await Context.NewPageAsync();
        await page.GotoAsync(path);
        return page;
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    /// <summary>Fails on any serious or critical axe-core violation of the page as it is now, naming them.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}").ToList();
        Assert.True(bad.Count == 0, "axe-core found: " + string.Join("; ", bad));
    }

    /// <summary>The text of the first element matching <paramref name="selector"/>, trimmed.</summary>
    public static async Task<string> TextAsync(IPage page, string selector) => (await page.Locator(selector).First.InnerTextAsync()).Trim();

    public ValueTask DisposeAsync() => Context.DisposeAsync();
}
