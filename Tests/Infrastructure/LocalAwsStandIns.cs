using Onboarding.CustomerSimulation.LocalAws;
using System.Diagnostics;

namespace Onboarding.Tests.Infrastructure;

/// <summary>
/// Starts dynalite, fauxqs and the STS stand-in on free loopback ports through the project's own script
/// (tools/local-aws/local-aws.sh), in memory, and stops them by PID when disposed.
/// </summary>
public sealed class LocalAwsStandIns : IAsyncLifetime
{
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "onboarding-tests", Guid.NewGuid().ToString("N"));

    public int DynamoDbPort { get; private set; }
    public int AwsPort { get; private set; }
    public Uri DynamoDbUrl => new($"http://127.0.0.1:{DynamoDbPort}");
    /// <summary>fauxqs: SNS, SQS and S3 on one port.</summary>
    public Uri AwsUrl => new($"http://127.0.0.1:{AwsPort}");
    public int StsPort { get; private set; }
    /// <summary>The STS stand-in (AssumeRole, GetCallerIdentity) and its role registry (<c>/_local/iam/roles</c>).</summary>
    public Uri StsUrl => new($"http://127.0.0.1:{StsPort}");

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The STS stand-in's role registry, where the customers' stacks create their roles.</summary>
    public LocalIamClient Iam { get; private set; } = null!;

    /// <summary>SNS clients signing as a given account's user: how CloudFormation publishes a stack's requests.</summary>
    public AccountSnsClients AccountSns { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        DynamoDbPort = FreePorts.Next();
        AwsPort = FreePorts.Next();
        StsPort = FreePorts.Next();
        await RunScriptAsync("start");
        Iam = new LocalIamClient(StsUrl);
        AccountSns = new AccountSnsClients(AwsUrl);
    }

    public async Task DisposeAsync()
    {
        Iam?.Dispose();
        AccountSns?.Dispose();
        await RunScriptAsync("stop");
    }

    /// <summary>Stops only fauxqs (to prove readiness reports the failing dependency).</summary>
    public Task StopFauxqsAsync() => KillRecorded("fauxqs");

    /// <summary>Stops only dynalite.</summary>
    public Task StopDynamoDbAsync() => KillRecorded("dynalite");

    /// <summary>Freezes dynalite (SIGSTOP): connections are accepted by the kernel but never answered, as in an outage.</summary>
    public Task PauseDynamoDbAsync() => SignalRecordedAsync("dynalite", "STOP");

    /// <summary>Lets a paused dynalite run again (SIGCONT), with everything it stored.</summary>
    public Task ResumeDynamoDbAsync() => SignalRecordedAsync("dynalite", "CONT");

    /// <summary>Freezes fauxqs (SNS, SQS, S3). Never kill it instead: it keeps nothing across a restart.</summary>
    public Task PauseFauxqsAsync() => SignalRecordedAsync("fauxqs", "STOP");

    /// <summary>Lets a paused fauxqs run again.</summary>
    public Task ResumeFauxqsAsync() => SignalRecordedAsync("fauxqs", "CONT");

    /// <summary>Freezes the STS stand-in. Never kill it instead: its role registry is in memory.</summary>
    public Task PauseStsAsync() => SignalRecordedAsync("sts", "STOP");

    /// <summary>Lets a paused STS stand-in run again.</summary>
    public Task ResumeStsAsync() => SignalRecordedAsync("sts", "CONT");

    private async Task KillRecorded(string name)
    {
        using var process = Process.GetProcessById(await RecordedPidAsync(name));
        process.Kill();
        await process.WaitForExitAsync();
    }

    private async Task SignalRecordedAsync(string name, string signal)
    {
        // kill(1) names signals portably (SIGSTOP/SIGCONT numbers differ between Linux and macOS).
        using var kill = Process.Start("kill", ["-" + signal, (await RecordedPidAsync(name)).ToString()]);
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -{signal} {name} failed with exit code {kill.ExitCode}.");
    }

    private async Task<int> RecordedPidAsync(string name) =>
        int.Parse(await File.ReadAllTextAsync(Path.Combine(_stateDir, name + ".pid")));

    private Task RunScriptAsync(string verb) =>
        new LocalAwsScript(RepositoryRoot, DynamoDbPort, AwsPort, _stateDir, StsPort).RunAsync(verb);

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Onboarding.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Onboarding.sln not found above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class LocalAwsCollection : ICollectionFixture<LocalAwsStandIns>
{
    public const string Name = "local-aws";
}
