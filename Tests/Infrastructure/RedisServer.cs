using System.Diagnostics;
using Onboarding.CustomerSimulation.LocalAws;

namespace Onboarding.Tests.Infrastructure;

/// <summary>
/// redis-server (the silos' membership table) on a free loopback port, in memory, through the project's
/// own script (tools/redis/redis.sh), stopped by PID when disposed. Freeze and thaw it with SIGSTOP/SIGCONT.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "onboarding-tests", "redis-" + Guid.NewGuid().ToString("N"));

    public int Port { get; } = FreePorts.Next();

    /// <summary>The connection string silos and the API use.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public Task InitializeAsync() => RunScriptAsync("start");

    public Task DisposeAsync() => RunScriptAsync("stop");

    /// <summary>SIGSTOP: the server holds every connection and answers nothing (as a stalled host would) until <see cref="ResumeAsync"/>.</summary>
    public Task PauseAsync() => ProcessSignals.SendAsync(Pid, "STOP");

    /// <summary>SIGCONT: the server goes on where it stopped, its membership table intact.</summary>
    public Task ResumeAsync() => ProcessSignals.SendAsync(Pid, "CONT");

    // Recorded by redis.sh start.
    private int Pid => int.Parse(File.ReadAllText(Path.Combine(_stateDir, "redis.pid")).Trim());

    private async Task RunScriptAsync(string verb)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(LocalAwsStandIns.RepositoryRoot, "tools", "redis", "redis.sh"), verb])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["REDIS_PORT"] = Port.ToString();
        start.Environment["REDIS_STATE_DIR"] = _stateDir;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"redis.sh {verb} failed ({process.ExitCode}): {await stderr}{await stdout}");
    }
}
