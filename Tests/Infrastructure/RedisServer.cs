using Onboarding.CustomerSimulation.LocalAws;

namespace Onboarding.Tests.Infrastructure;

/// <summary>
/// redis-server (the silos' membership table) on a free loopback port, in memory, through the project's
/// own script (tools/redis/redis.sh), stopped by PID when disposed. Freeze and thaw it with SIGSTOP/SIGCONT.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private readonly RedisScript _script = new(LocalAwsStandIns.RepositoryRoot, FreePorts.Next(),
        Path.Combine(Path.GetTempPath(), "onboarding-tests", "redis-" + Guid.NewGuid().ToString("N")));

    public int Port => _script.Port;

    /// <summary>The connection string silos and the API use.</summary>
    public string ConnectionString => _script.ConnectionString;

    public Task InitializeAsync() => _script.RunAsync("start");

    public Task DisposeAsync() => _script.RunAsync("stop");

    /// <summary>SIGSTOP: the server holds every connection and answers nothing (as a stalled host would) until <see cref="ResumeAsync"/>.</summary>
    public Task PauseAsync() => ProcessSignals.SendAsync(_script.Pid, "STOP");

    /// <summary>SIGCONT: the server goes on where it stopped, its membership table intact.</summary>
    public Task ResumeAsync() => ProcessSignals.SendAsync(_script.Pid, "CONT");
}
