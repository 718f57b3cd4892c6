namespace Onboarding.Grains.Templates;

/// <summary>Builds the console links that open a stack's page pre-filled: quick-create, and update-stack.</summary>
public static class LaunchUrlBuilder
{
    /// <summary>
    /// The link for <paramref name="region"/>. Use <see cref="Uri.AbsoluteUri"/> when handing it out:
    /// <see cref="Uri.ToString"/> unescapes the query.
    /// </summary>
    /// <exception cref="TemplateUrlTooLongException">The template URL is over 1024 characters.</exception>
    /// <exception cref="ArgumentException">The region, template URL or stack name is invalid.</exception>
    public static Uri Build(string region, Uri templateUrl, string stackName)
    {
        var template = RequireTemplateUrl(region, templateUrl);
        StackName.RequireValid(stackName, nameof(stackName));

        return new Uri(
            $"https://{region}.console.aws.amazon.com/cloudformation/home?region={region}" +
            $"#/stacks/create/review?templateURL={Uri.EscapeDataString(template)}&stackName={Uri.EscapeDataString(stackName)}");
    }

    /// <summary>
    /// The console's update-stack page for <paramref name="stackId"/> with the template at <paramref name="templateUrl"/>
    /// (the "Replace template" step filled in). Not a documented contract, unlike quick-create: best effort, with written
    /// steps as the fallback (README, "Template versions").
    /// </summary>
    /// <exception cref="TemplateUrlTooLongException">The template URL is over 1024 characters.</exception>
    /// <exception cref="ArgumentException">The region or template URL is invalid, or the stack id is empty.</exception>
    public static Uri BuildUpdate(string region, Uri templateUrl, string stackId)
    {
        var template = RequireTemplateUrl(region, templateUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(stackId);

        return new Uri(
            $"https://{region}.console.aws.amazon.com/cloudformation/home?region={region}" +
            $"#/stacks/update/template?stackId={Uri.EscapeDataString(stackId)}&templateURL={Uri.EscapeDataString(template)}");
    }

    private static string RequireTemplateUrl(string region, Uri templateUrl)
    {
        ArgumentNullException.ThrowIfNull(templateUrl);
        if (!RegionNames.IsWellFormed(region))
        {
            throw new ArgumentException($"'{region}' is not an AWS region name.", nameof(region));
        }

        // Plain http only for a stand-in on loopback (the local default); S3 itself is always https.
        if (!templateUrl.IsAbsoluteUri ||
            !(templateUrl.Scheme == Uri.UriSchemeHttps || (templateUrl.Scheme == Uri.UriSchemeHttp && templateUrl.IsLoopback)))
        {
            throw new ArgumentException("The template URL must be an absolute https URL.", nameof(templateUrl));
        }

        var template = templateUrl.AbsoluteUri;
        if (template.Length > CloudFormationLimits.MaxTemplateUrlLength)
        {
            throw new TemplateUrlTooLongException(template.Length, CloudFormationLimits.MaxTemplateUrlLength);
        }
        return template;
    }
}
