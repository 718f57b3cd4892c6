using System.Diagnostics;
using Onboarding.Tests.Infrastructure.Deployment;

namespace Onboarding.Tests.Integration.Deployment;

/// <summary>
/// deploy/onboarding.yaml passes cfn-lint, AWS's own template linter (the Python cfn-lint 1.x with its current resource
/// specifications, preinstalled on the project's machines; the npm package of that name is a stale 1.9.7 port whose
/// specification predates properties AWS accepts today, such as Description on AWS::IAM::Role).
/// </summary>
public sealed class CfnLintTests
{
    [Fact]
    public async Task The_template_passes_cfn_lint_without_a_finding()
    {
        await AssertLintsCleanAsync(DeploymentTemplate.FilePath);
    }

    /// <summary>Runs cfn-lint on <paramref name="file"/>; fails with its findings unless it has none.</summary>
    internal static async Task AssertLintsCleanAsync(string file)
    {
        var start = new ProcessStartInfo(CfnLint(), ["--format", "parseable", file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(process.ExitCode == 0, $"cfn-lint exited {process.ExitCode}:\n{await output}{await errors}");
        Assert.Equal("", (await output).Trim());
    }

    private static string CfnLint()
    {
        var home = Environment.GetEnvironmentVariable("HOME") ?? "/root";
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append(Path.Combine(home, ".pyenv", "shims"))
            .Select(dir => Path.Combine(dir, "cfn-lint"));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("cfn-lint is not installed (the Python package cfn-lint 1.x, e.g. 'pip install cfn-lint').");
    }
}
