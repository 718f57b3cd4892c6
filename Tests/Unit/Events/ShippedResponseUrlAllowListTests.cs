using Microsoft.Extensions.Configuration;
using Onboarding.Grains.Customers;
using Onboarding.Grains.Events;
using Onboarding.Silo.Events;
using Onboarding.Tests.Infrastructure;

namespace Onboarding.Tests.Unit.Events;

/// <summary>
/// The ResponseURL allow-list exactly as it ships in Silo/appsettings.json: CloudFormation's answers
/// from every region customers may use get through, and nothing else does. A refused ResponseURL is
/// dead-lettered unanswered, so the customer's stack hangs and then rolls back.
/// </summary>
public sealed class ShippedResponseUrlAllowListTests
{
    private static readonly IConfigurationRoot Shipped = ShippedSettings.Silo();
    private static readonly EventIntakeOptions Intake = Shipped.GetSection(EventIntakeOptions.SectionName).Get<EventIntakeOptions>()!;
    private static readonly ResponseUrlPolicy Policy = new(Intake.AllowedResponseUrlOrigins);

    public static TheoryData<string> ShippedRegions() =>
        [.. Shipped.GetSection(OnboardingOptions.SectionName).Get<OnboardingOptions>()!.AllowedRegions];

    [Fact]
    public void The_shipped_events_settings_are_valid_and_name_regions()
    {
        Assert.True(new EventIntakeOptionsValidator().Validate(null, Intake).Succeeded);
        Assert.NotEmpty(ShippedRegions());
    }

    [Theory]
    [MemberData(nameof(ShippedRegions))]
    public void Every_form_of_CloudFormations_response_url_in_the_region_is_allowed(string region) =>
        Assert.All(CloudFormationResponseUrls(region), url => Assert.True(Policy.IsAllowed(url), $"refused: {url}"));

    [Theory]
    [MemberData(nameof(ShippedRegions))]
    public void Everything_else_is_refused(string region) =>
        Assert.All(Hostile(region), url => Assert.False(Policy.IsAllowed(url), $"allowed: {url}"));

    [Fact]
    public void The_local_default_adds_the_stand_in_after_the_shipped_origins_and_replaces_none()
    {
        var local = new ConfigurationBuilder()
            .AddJsonFile(ShippedSettings.SiloFile)
            .AddJsonFile(Path.Combine(ShippedSettings.SiloDirectory, "appsettings.Development.json"))
            .Build().GetSection(EventIntakeOptions.SectionName).Get<EventIntakeOptions>()!;

        Assert.Equal([.. Intake.AllowedResponseUrlOrigins, "http://127.0.0.1:4566"], local.AllowedResponseUrlOrigins);
    }

    /// <summary>The bucket CloudFormation answers into in a region: its name with the dashes dropped.</summary>
    private static string Bucket(string region) => "cloudformation-custom-resource-response-" + region.Replace("-", "", StringComparison.Ordinal);

    /// <summary>A presigned PUT as CloudFormation sends it: the stack ARN, logical id and request id as the key.</summary>
    private static string KeyAndQuery(string region) =>
        Uri.EscapeDataString($"arn:aws:cloudformation:{region}:123456789012:stack/PartnerOnboarding-123456789012/4f0c8e40-ba7e-11ee-8f8e-0a1b2c3d4e5f")
        + "%7CPartnerOnboarding%7C9c3b2a1d-6e5f-4a3b-8c7d-0e1f2a3b4c5d"
        + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20261125T093000Z&X-Amz-SignedHeaders=host&X-Amz-Expires=7199"
        + $"&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261125%2F{region}%2Fs3%2Faws4_request&X-Amz-Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

    /// <summary>Virtual-hosted and path-style, on the global endpoint, the legacy dash form and the dot form.</summary>
    private static IEnumerable<Uri> CloudFormationResponseUrls(string region)
    {
        var bucket = Bucket(region);
        var key = KeyAndQuery(region);
        return
        [
            new($"https://{bucket}.s3.amazonaws.com/{key}"),
            new($"https://{bucket}.s3-{region}.amazonaws.com/{key}"),
            new($"https://{bucket}.s3.{region}.amazonaws.com/{key}"),
            new($"https://s3.amazonaws.com/{bucket}/{key}"),
            new($"https://s3-{region}.amazonaws.com/{bucket}/{key}"),
            new($"https://s3.{region}.amazonaws.com/{bucket}/{key}"),
        ];
    }

    private static IEnumerable<Uri> Hostile(string region)
    {
        var bucket = Bucket(region);
        var key = KeyAndQuery(region);
        return
        [
            // Plain http, another port, user info.
            new($"http://{bucket}.s3.{region}.amazonaws.com/{key}"),
            new($"http://s3-{region}.amazonaws.com/{bucket}/{key}"),
            new($"https://{bucket}.s3.{region}.amazonaws.com:8443/{key}"),
            new($"https://s3-{region}.amazonaws.com:444/{bucket}/{key}"),
            new($"https://user:secret@{bucket}.s3.{region}.amazonaws.com/{key}"),
            new($"https://s3.amazonaws.com@evil.example/{bucket}/{key}"),
            // Look-alikes: the S3 names under another domain, or not where the pattern puts them.
            new($"https://{bucket}.s3.{region}.amazonaws.com.evil.example/{key}"),
            new($"https://{bucket}.s3-{region}.amazonaws.com.evil.example/{key}"),
            new($"https://s3.amazonaws.com.evil.example/{bucket}/{key}"),
            new($"https://{bucket}.s3.{region}.amazonaws.co/{key}"),
            new($"https://{bucket}.s3.{region}.evil.example/{key}"),
            new($"https://{bucket}-s3-{region}.amazonaws.com/{key}"),
            new($"https://{bucket}.nots3.{region}.amazonaws.com/{key}"),
            new($"https://evil.example/{bucket}.s3.{region}.amazonaws.com/{key}"),
            // Other AWS hosts than S3.
            new($"https://sqs.{region}.amazonaws.com/123456789012/queue"),
            new($"https://ec2.{region}.amazonaws.com/"),
            new("https://ec2-52-216-8-10.compute-1.amazonaws.com/"),
            new("https://amazonaws.com/"),
            // IP literals, the instance metadata service among them.
            new("http://169.254.169.254/latest/meta-data/iam/security-credentials/"),
            new("https://169.254.169.254/latest/meta-data/"),
            new($"https://52.216.8.10/{bucket}/{key}"),
            new($"https://[::1]/{bucket}/{key}"),
            new("https://[fd00:ec2::254]/latest/meta-data/"),
            // Other schemes.
            new($"ftp://s3.{region}.amazonaws.com/{bucket}/{key}"),
            new("file:///etc/passwd"),
        ];
    }
}
