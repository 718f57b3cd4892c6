using Onboarding.Grains.Templates;

namespace Onboarding.Tests.Unit.Templates;

public sealed class LaunchUrlBuilderTests
{
    private static readonly Uri TemplateUrl = new("https://partner-templates.s3.eu-west-1.amazonaws.com/onboarding/111122223333.json?X-Amz-Signature=ab%2Bc&x=1");

    private static Dictionary<string, string> FragmentQuery(Uri launch)
    {
        var fragment = launch.Fragment;
        Assert.StartsWith("#/stacks/create/review?", fragment);
        return fragment[(fragment.IndexOf('?') + 1)..]
            .Split('&')
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => Uri.UnescapeDataString(pair[1]));
    }

    [Fact]
    public void Link_decodes_back_to_the_template_url_and_stack_name()
    {
        var launch = LaunchUrlBuilder.Build("eu-west-1", TemplateUrl, "PartnerOnboarding-111122223333");

        var query = FragmentQuery(launch);
        Assert.Equal(TemplateUrl.AbsoluteUri, query["templateURL"]);
        Assert.Equal("PartnerOnboarding-111122223333", query["stackName"]);
        Assert.Equal(2, query.Count);
    }

    [Fact]
    public void Region_is_in_host_and_query()
    {
        var launch = LaunchUrlBuilder.Build("us-gov-west-1", TemplateUrl, "Partner");

        Assert.Equal("https", launch.Scheme);
        Assert.Equal("us-gov-west-1.console.aws.amazon.com", launch.Host);
        Assert.Equal("/cloudformation/home", launch.AbsolutePath);
        Assert.Equal("?region=us-gov-west-1", launch.Query);
    }

    [Fact]
    public void Template_url_is_percent_encoded_in_the_link()
    {
        var launch = LaunchUrlBuilder.Build("eu-west-1", TemplateUrl, "Partner");

        var encoded = launch.AbsoluteUri[(launch.AbsoluteUri.IndexOf("templateURL=", StringComparison.Ordinal) + "templateURL=".Length)..];
        Assert.StartsWith("https%3A%2F%2Fpartner-templates", encoded);
        Assert.Contains("ab%252Bc%26x%3D1&stackName=", encoded);
    }

    private static Uri TemplateUrlOfLength(int length)
    {
        const string prefix = "https://partner-templates.s3.eu-west-1.amazonaws.com/";
        var url = new Uri(prefix + new string('k', length - prefix.Length));
        Assert.Equal(length, url.AbsoluteUri.Length);
        return url;
    }

    [Fact]
    public void Template_url_of_1024_characters_is_accepted()
    {
        var launch = LaunchUrlBuilder.Build("eu-west-1", TemplateUrlOfLength(1024), "Partner");

        Assert.Equal(1024, FragmentQuery(launch)["templateURL"].Length);
    }

    [Fact]
    public void Template_url_of_1025_characters_throws_with_the_length()
    {
        var error = Assert.Throws<TemplateUrlTooLongException>(() => LaunchUrlBuilder.Build("eu-west-1", TemplateUrlOfLength(1025), "Partner"));

        Assert.Equal(1025, error.Length);
        Assert.Equal(1024, error.Limit);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1stack")]
    [InlineData("-stack")]
    [InlineData("stack_name")]
    [InlineData("stack name")]
    [InlineData("stäck")]
    public void Invalid_stack_name_throws(string stackName)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => LaunchUrlBuilder.Build("eu-west-1", TemplateUrl, stackName));

        Assert.Equal("stackName", error.ParamName);
    }

    [Fact]
    public void Stack_name_length_boundary()
    {
        LaunchUrlBuilder.Build("eu-west-1", TemplateUrl, "S" + new string('1', 127));

        var error = Assert.ThrowsAny<ArgumentException>(() => LaunchUrlBuilder.Build("eu-west-1", TemplateUrl, "S" + new string('1', 128)));
        Assert.Equal("stackName", error.ParamName);
    }

    [Theory]
    [InlineData("EU-WEST-1")]
    [InlineData("eu-west")]
    [InlineData("eu-west-1 ")]
    [InlineData("https://evil.example/")]
    public void Invalid_region_throws(string region)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => LaunchUrlBuilder.Build(region, TemplateUrl, "Partner"));

        Assert.Equal("region", error.ParamName);
    }

    [Fact]
    public void Non_https_template_url_throws()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => LaunchUrlBuilder.Build("eu-west-1", new Uri("http://bucket.s3.amazonaws.com/t.json"), "Partner"));

        Assert.Equal("templateUrl", error.ParamName);
    }

    [Fact]
    public void Plain_http_is_accepted_only_for_a_loopback_stand_in()
    {
        var launch = LaunchUrlBuilder.Build("eu-west-1", new Uri("http://127.0.0.1:4566/bucket/t.json?X-Amz-Signature=abc"), "Partner");

        Assert.Contains(Uri.EscapeDataString("http://127.0.0.1:4566/bucket/t.json?X-Amz-Signature=abc"), launch.AbsoluteUri);
    }

    [Fact]
    public void Stack_name_for_customer_joins_prefix_and_account()
    {
        Assert.Equal("PartnerOnboarding-111122223333", StackName.ForCustomer("PartnerOnboarding", "111122223333"));
        Assert.Equal("accountId", Assert.ThrowsAny<ArgumentException>(() => StackName.ForCustomer("Partner", "1111")).ParamName);
        Assert.Equal("prefix", Assert.ThrowsAny<ArgumentException>(() => StackName.ForCustomer("9Partner", "111122223333")).ParamName);
    }

    [Fact]
    public void Update_link_opens_the_stacks_update_page_with_the_template_url()
    {
        const string stackId = "arn:aws:cloudformation:eu-west-1:111122223333:stack/PartnerOnboarding-111122223333/0f1e2d3c";

        var update = LaunchUrlBuilder.BuildUpdate("eu-west-1", TemplateUrl, stackId);

        Assert.Equal("eu-west-1.console.aws.amazon.com", update.Host);
        Assert.StartsWith("#/stacks/update/template?", update.Fragment);
        var query = update.Fragment[(update.Fragment.IndexOf('?') + 1)..].Split('&').Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => Uri.UnescapeDataString(pair[1]));
        Assert.Equal((stackId, TemplateUrl.AbsoluteUri), (query["stackId"], query["templateURL"]));
        Assert.Throws<ArgumentException>(() => LaunchUrlBuilder.BuildUpdate("eu-west-1", new Uri("http://example.com/t.json"), stackId));
    }
}
