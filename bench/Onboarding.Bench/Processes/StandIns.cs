using System.Diagnostics;

namespace Onboarding.Bench.Processes;

/// <summary>dynalite and fauxqs on free loopback ports, in memory, through tools/local-aws/local-aws.sh; stopped by PID.</summary>
public sealed class StandIns : IAsyncDisposable
{
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "onboarding-bench", Guid.NewGuid().ToString("N"));
    private bool _started;

    public int DynamoDbPort { get; } = FreePorts.Next();
    public int AwsPort { get; } = FreePorts.Next();
    public Uri DynamoDbUrl => new($"http://127.0.0.1:{DynamoDbPort}/");
    public Uri AwsUrl => new($"http://127.0.0.1:{AwsPort}/");
    public string AwsOrigin => $"http://127.0.0.1:{AwsPort}";
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

    private async Task RunScriptAsync(string verb)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Repository.Root, "tools", "local-aws", "local-aws.sh"), verb])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["LOCAL_AWS_DYNAMODB_PORT"] = DynamoDbPort.ToString();
        start.Environment["LOCAL_AWS_PORT"] = AwsPort.ToString();
        start.Environment["LOCAL_AWS_STATE_DIR"] = _stateDir;
        start.Environment.Remove("LOCAL_AWS_DYNAMODB_PATH");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"local-aws.sh {verb} failed ({process.ExitCode}): {await stderr}{await stdout}");
    }
}
