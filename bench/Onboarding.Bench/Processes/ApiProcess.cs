using Onboarding.CustomerSimulation.LocalAws;
namespace Onboarding.Bench.Processes;

/// <summary>The real API (Api/bin) as a child process on a free port, with the Development API keys.</summary>
public sealed class ApiProcess : IAsyncDisposable
{
    public const string PartnerKey = "local-partner-key";
    private ChildProcess? _child;

    public int Port { get; } = FreePorts.Next();
    public Uri Url => new($"http://127.0.0.1:{Port}/");

    public int Pid => _child!.Pid;

    /// <param name="clusterSettings">How it finds the silos: one gateway port, or the Redis membership table.</param>
    public async Task StartAsync(IEnumerable<KeyValuePair<string, string?>> clusterSettings, string logPath)
    {
        if (!File.Exists(Repository.ApiAssembly))
            throw new FileNotFoundException($"The API is not built at {Repository.ApiAssembly}; build the solution in {Repository.Configuration} first.");
        var environment = new Dictionary<string, string>
        {
            // Development: the documented local API keys (Api/appsettings.Development.json).
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = Url.ToString().TrimEnd('/'),
            ["Logging__LogLevel__Default"] = "Warning",
            // Every simulated customer opens its launch link from this one address.
            ["Api__CustomerLinkRequestsPerWindow"] = int.MaxValue.ToString(),
        };
        foreach (var (key, value) in clusterSettings) environment[key.Replace(":", "__", StringComparison.Ordinal)] = value ?? "";
        _child = ChildProcess.StartDotnet([Repository.ApiAssembly, "--contentRoot", Repository.ApiContentRoot], environment, logPath);
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            try
            {
                if ((await http.GetAsync(new Uri(Url, "health/ready"))).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            if (_child.HasExited) throw new InvalidOperationException($"The API exited at start-up; see {logPath}.");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The API was not ready within a minute; see {logPath}.");
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_child is not null) await _child.DisposeAsync();
    }
}
