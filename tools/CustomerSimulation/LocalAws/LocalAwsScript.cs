using System.Diagnostics;

namespace Onboarding.CustomerSimulation.LocalAws;

/// <summary>
/// Runs tools/local-aws/local-aws.sh (start | stop) for stand-ins on the given ports, in memory, with
/// their PID files under <paramref name="StateDirectory"/>: the tests and the benchmark start theirs this way.
/// </summary>
/// <param name="StsPort">The STS stand-in's port; 0 puts it on any free port (for callers that do not call STS).</param>
public sealed record LocalAwsScript(string RepositoryRoot, int DynamoDbPort, int AwsPort, string StateDirectory, int StsPort = 0)
{
    public async Task RunAsync(string verb)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot, "tools", "local-aws", "local-aws.sh"), verb])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["LOCAL_AWS_DYNAMODB_PORT"] = DynamoDbPort.ToString();
        start.Environment["LOCAL_AWS_PORT"] = AwsPort.ToString();
        start.Environment["LOCAL_AWS_STS_PORT"] = (StsPort > 0 ? StsPort : FreePorts.Next()).ToString();
        start.Environment["LOCAL_AWS_ACCOUNT_ID"] = LocalAwsAccounts.OwnerAccountId;
        start.Environment["LOCAL_AWS_STATE_DIR"] = StateDirectory;
        // Never the run command's on-disk data: these stand-ins keep everything in memory.
        start.Environment.Remove("LOCAL_AWS_DYNAMODB_PATH");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"local-aws.sh {verb} failed ({process.ExitCode}): {await stderr}{await stdout}");
    }
}
