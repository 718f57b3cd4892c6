namespace Onboarding.Grains.Templates;

/// <summary>Builds the console "quick-create" link that opens the stack review page pre-filled.</summary>
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

        StackName.RequireValid(stackName, nameof(stackName));

        return new Uri(
            $"https://{region}.console.aws.amazon.com/cloudformation/home?region={region}" +
            $"#/stacks/create/review?templateURL={Uri.EscapeDataString(template)}&stackName={Uri.EscapeDataString(stackName)}");
    }
}
