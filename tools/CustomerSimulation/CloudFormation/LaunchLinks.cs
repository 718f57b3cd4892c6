using System.Collections.Specialized;
using System.Web;

namespace Onboarding.CustomerSimulation.CloudFormation;

/// <summary>Reads a CloudFormation quick-create or update-stack link the way the console does (query inside the fragment).</summary>
public static class LaunchLinks
{
    public static Uri TemplateUrl(Uri launchUrl) => new(Query(launchUrl)["templateURL"]!);

    public static string StackName(Uri launchUrl) => Query(launchUrl)["stackName"]!;

    /// <summary>The stack an update-stack link names.</summary>
    public static string StackId(Uri updateUrl) => Query(updateUrl)["stackId"]!;

    private static NameValueCollection Query(Uri launchUrl)
    {
        var fragment = launchUrl.Fragment;
        var query = fragment[(fragment.IndexOf('?') + 1)..];
        return HttpUtility.ParseQueryString(query);
    }
}
