using System.Diagnostics;
using Onboarding.Grains.Organizations;
using Onboarding.Tests.Unit.Organizations;

namespace Onboarding.Tests.Integration.Deployment;

/// <summary>The organization onboarding's management template passes cfn-lint, as the deployment template does (<see cref="CfnLintTests"/>).</summary>
public sealed class OrganizationTemplateLintTests
{
    [Fact]
    public async Task The_management_template_passes_cfn_lint_without_a_finding()
    {
        var file = Path.Combine(Path.GetTempPath(), $"organization-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, OrganizationTemplateRenderer.Render(OrganizationTemplateRendererTests.Spec()));
        try
        {
            var start = new ProcessStartInfo(CfnLintTests.CfnLint(), ["--format", "parseable", file]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

            Assert.True(process.ExitCode == 0, $"cfn-lint exited {process.ExitCode}:\n{await output}{await errors}");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
