using Onboarding.Grains.Events;

namespace Onboarding.Tests.Unit.Events;

public sealed class ResponseUrlPolicyTests
{
    private static readonly ResponseUrlPolicy Policy = new([.. ResponseUrlPolicy.DefaultAwsOrigins, "http://127.0.0.1:4566"]);

    [Theory]
    [InlineData("https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/arn%3Aaws%3Acloudformation/x?X-Amz-Signature=abc")]
    [InlineData("https://cloudformation-custom-resource-response-euwest1.s3.eu-west-1.amazonaws.com/key")]
    [InlineData("https://cloudformation-custom-resource-response-uswest2.s3-us-west-2.amazonaws.com/key")]
    [InlineData("https://s3.amazonaws.com/bucket/key")]
    [InlineData("https://s3.eu-central-1.amazonaws.com/bucket/key")]
    [InlineData("https://my.dotted.bucket.s3.amazonaws.com/key")]
    [InlineData("https://my.dotted.bucket.s3.us-east-2.amazonaws.com/key")]
    [InlineData("https://bucket.s3.cn-north-1.amazonaws.com.cn/key")]
    [InlineData("https://BUCKET.S3.AMAZONAWS.COM/key")]
    [InlineData("https://bucket.s3.amazonaws.com:443/key")]
    [InlineData("http://127.0.0.1:4566/bucket/key?X-Amz-Signature=abc")]
    public void Allowed(string url) => Assert.True(Policy.IsAllowed(new Uri(url)), url);

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/iam/security-credentials/")]
    [InlineData("http://127.0.0.1:8080/")]
    [InlineData("http://127.0.0.1/")]
    [InlineData("https://127.0.0.1:4566/")]
    [InlineData("http://localhost:4566/")]
    [InlineData("http://[::1]:4566/")]
    [InlineData("https://evil.com/?x=s3.amazonaws.com")]
    [InlineData("https://evil.com/s3.amazonaws.com")]
    [InlineData("https://s3.amazonaws.com.evil.com/")]
    [InlineData("https://bucket.s3.amazonaws.com.evil.com/")]
    [InlineData("https://evil.com#.s3.amazonaws.com")]
    [InlineData("https://bucket.s3.amazonaws.com@evil.com/")]
    [InlineData("https://user:pass@bucket.s3.amazonaws.com/")]
    [InlineData("http://bucket.s3.amazonaws.com/key")]
    [InlineData("https://bucket.s3.amazonaws.com:8443/key")]
    [InlineData("https://s3.amazonaws.com./key")]
    [InlineData("https://evils3.amazonaws.com/key")]
    [InlineData("https://ec2.us-east-1.amazonaws.com/")]
    [InlineData("https://s3.a.b.amazonaws.com/")]
    [InlineData("https://bucket_x.s3.amazonaws.com/")]
    [InlineData("ftp://bucket.s3.amazonaws.com/")]
    [InlineData("file:///etc/passwd")]
    public void Refused(string url) => Assert.False(Policy.IsAllowed(new Uri(url)), url);

    [Fact]
    public void A_relative_or_null_url_is_refused()
    {
        Assert.False(Policy.IsAllowed(new Uri("/bucket/key", UriKind.Relative)));
        Assert.False(Policy.IsAllowed(null));
    }

    [Fact]
    public void An_empty_policy_allows_nothing() =>
        Assert.False(new ResponseUrlPolicy([]).IsAllowed(new Uri("https://bucket.s3.amazonaws.com/key")));

    [Fact]
    public void A_middle_wildcard_matches_exactly_one_label()
    {
        var policy = new ResponseUrlPolicy(["https://s3.*.amazonaws.com"]);
        Assert.True(policy.IsAllowed(new Uri("https://s3.eu-west-1.amazonaws.com/")));
        Assert.False(policy.IsAllowed(new Uri("https://s3.amazonaws.com/")));
        Assert.False(policy.IsAllowed(new Uri("https://s3.evil.com.amazonaws.com/")));
    }

    [Theory]
    [InlineData("https://*.com")]
    [InlineData("https://*")]
    [InlineData("https://s3.amazonaws.com/path")]
    [InlineData("https://s3.amazonaws.com?x=1")]
    [InlineData("https://user@s3.amazonaws.com")]
    [InlineData("https://a*b.amazonaws.com")]
    [InlineData("s3.amazonaws.com")]
    [InlineData("ftp://s3.amazonaws.com")]
    public void Malformed_origins_are_rejected_at_construction(string origin) =>
        Assert.Throws<ArgumentException>(() => new ResponseUrlPolicy([origin]));
}
