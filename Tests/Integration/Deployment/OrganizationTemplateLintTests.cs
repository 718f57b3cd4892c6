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
            await CfnLintTests.AssertLintsCleanAsync(file);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
