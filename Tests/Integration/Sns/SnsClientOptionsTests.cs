using Amazon.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Onboarding.Silo.Aws.Sns;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Infrastructure.Sns;

namespace Onboarding.Tests.Integration.Sns;

[Collection(LocalAwsCollection.Name)]
public sealed class SnsClientOptionsTests(LocalAwsStandIns aws)
{
    public static TheoryData<SnsClientOptions> InvalidOptions => new()
    {
        new SnsClientOptions { ServiceUrl = new Uri("/relative", UriKind.Relative) },
        new SnsClientOptions { ServiceUrl = new Uri("ftp://127.0.0.1/") },
        new SnsClientOptions { Retry = { MaxAttempts = 0 } },
        new SnsClientOptions { Retry = { MaxAttempts = 11 } },
        new SnsClientOptions { Retry = { BaseDelay = TimeSpan.FromMilliseconds(-1) } },
        new SnsClientOptions { Retry = { BaseDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(1) } },
        new SnsClientOptions { Retry = { AttemptTimeout = TimeSpan.Zero } },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Invalid_options_are_rejected(SnsClientOptions options) =>
        Assert.True(new SnsClientOptionsValidator().Validate(null, options).Failed);

    [Fact]
    public void Defaults_and_a_local_http_url_are_accepted() =>
        Assert.True(new SnsClientOptionsValidator().Validate(null, new SnsClientOptions { ServiceUrl = aws.AwsUrl }).Succeeded);

    [Fact]
    public void Resolving_the_client_with_invalid_options_fails()
    {
        using var provider = new ServiceCollection()
            .AddSingleton<AWSCredentials>(StandInClients.Credentials)
            .AddSnsClient(o => o.Retry.MaxAttempts = 0)
            .BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ISnsClient>());
    }

    [Fact]
    public async Task The_registered_client_uses_credentials_from_di_and_reaches_the_stand_in()
    {
        await using var provider = new ServiceCollection()
            .AddSingleton<AWSCredentials>(StandInClients.Credentials)
            .AddSnsClient(o => o.ServiceUrl = aws.AwsUrl)
            .BuildServiceProvider();
        var sns = provider.GetRequiredService<ISnsClient>();

        var arn = await sns.CreateTopicAsync("eu-west-1", SnsTestClients.UniqueName("di"));

        Assert.StartsWith("arn:aws:sns:eu-west-1:", arn);
    }

    [Theory]
    [InlineData("not-an-arn")]
    [InlineData("arn:aws:sqs:us-east-1:000000000000:queue")]
    [InlineData("arn:aws:sns:US_EAST:000000000000:topic")]
    public async Task A_malformed_topic_arn_is_refused_before_any_request(string topicArn)
    {
        var handler = new ScriptedSnsHandler(() => ScriptedSnsHandler.PublishOk("never"));
        using var sns = SnsTestClients.Scripted(handler, maxAttempts: 1);

        await Assert.ThrowsAsync<ArgumentException>(() => sns.PublishAsync(topicArn, "hello"));
        Assert.Equal(0, handler.Attempts);
    }
}
