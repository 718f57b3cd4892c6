using Onboarding.CustomerSimulation.LocalAws;

namespace Onboarding.Bench.Processes;

/// <summary>dynalite, fauxqs and the STS stand-in on free loopback ports, in memory, through tools/local-aws/local-aws.sh; stopped by PID.</summary>
public sealed class StandIns : IAsyncDisposable
{
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "onboarding-bench", Guid.NewGuid().ToString("N"));
    private bool _started;

    public int DynamoDbPort { get; } = FreePorts.Next();
    public int AwsPort { get; } = FreePorts.Next();
    public int StsPort { get; } = FreePorts.Next();
    public Uri DynamoDbUrl => new($"http://127.0.0.1:{DynamoDbPort}/");
    public Uri AwsUrl => new($"http://127.0.0.1:{AwsPort}/");
    public string AwsOrigin => $"http://127.0.0.1:{AwsPort}";
    /// <summary>The STS stand-in and its role registry.</summary>
    public Uri StsUrl => new($"http://127.0.0.1:{StsPort}/");
    public string StateDirectory => _stateDir;

    public async Task StartAsync()
    {
        await RunScriptAsync("start");
        _started = true;
    }

    public int Pid(string name) => int.Parse(File.ReadAllText(Path.Combine(_stateDir, name + ".pid")));

    public async ValueTask DisposeAsync()
    {
        if (_started) await RunScriptAsync("stop");
    }

    private Task RunScriptAsync(string verb) =>
        new LocalAwsScript(Repository.Root, DynamoDbPort, AwsPort, _stateDir, StsPort).RunAsync(verb);
}
