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

    public async Task InitializeAsync()
    {
        DynamoDbPort = FreePorts.Next();
        AwsPort = FreePorts.Next();
        StsPort = FreePorts.Next();
        await RunScriptAsync("start");
    }

    public Task DisposeAsync() => RunScriptAsync("stop");

    /// <summary>Stops only fauxqs (to prove readiness reports the failing dependency).</summary>
    public Task StopFauxqsAsync() => KillRecorded("fauxqs");

    /// <summary>Stops only dynalite.</summary>
    public Task StopDynamoDbAsync() => KillRecorded("dynalite");

    private async Task KillRecorded(string name)
    {
        var pidFile = Path.Combine(_stateDir, name + ".pid");
        using var process = Process.GetProcessById(int.Parse(await File.ReadAllTextAsync(pidFile)));
        process.Kill();
        await process.WaitForExitAsync();
    }

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
