using System.Diagnostics;

namespace Onboarding.CustomerSimulation.LocalAws;

/// <summary>
/// Runs tools/redis/redis.sh (start | stop) for a redis-server (the cluster's membership table) on
/// <paramref name="Port"/>, in memory, with its PID file under <paramref name="StateDirectory"/>: the fault suite
/// and the benchmark start theirs this way, as ./run.sh --silos N does.
/// </summary>
public sealed record RedisScript(string RepositoryRoot, int Port, string StateDirectory)
{
    /// <summary>The connection string silos and the API use.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>The server's PID, as redis.sh start recorded it.</summary>
    public int Pid => int.Parse(File.ReadAllText(Path.Combine(StateDirectory, "redis.pid")).Trim());

    public async Task RunAsync(string verb)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot, "tools", "redis", "redis.sh"), verb])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["REDIS_PORT"] = Port.ToString();
        start.Environment["REDIS_STATE_DIR"] = StateDirectory;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"redis.sh {verb} failed ({process.ExitCode}): {await stderr}{await stdout}");
    }
}
