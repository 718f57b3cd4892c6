using System.Collections.Specialized;
using System.Web;

namespace Onboarding.CustomerSimulation.CloudFormation;

/// <summary>Reads a CloudFormation quick-create link the way the console does (query inside the fragment).</summary>
public static class LaunchLinks
{
    public static Uri TemplateUrl(Uri launchUrl) => new(Query(launchUrl)["templateURL"]!);

    public static string StackName(Uri launchUrl) => Query(launchUrl)["stackName"]!;

    private static NameValueCollection Query(Uri launchUrl)
    {
        var fragment = launchUrl.Fragment;
        var query = fragment[(fragment.IndexOf('?') + 1)..];
        return HttpUtility.ParseQueryString(query);
    }
}
