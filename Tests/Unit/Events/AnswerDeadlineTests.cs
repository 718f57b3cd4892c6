using Onboarding.Grains.Events;

namespace Onboarding.Tests.Unit.Events;

public sealed class AnswerDeadlineTests
{
    private static readonly DateTimeOffset Published = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Published.AddMinutes(3);

    [Theory]
    [InlineData("300", 300)]
    [InlineData("1", 1)]
    [InlineData("3600", 3600)]
    public void The_deadline_is_the_request_s_ServiceTimeout_after_its_publication(string serviceTimeout, int seconds)
    {
        var request = SampleRequests.Request(editProperties: p => p["ServiceTimeout"] = serviceTimeout) with { PublishedAt = Published };

        Assert.Equal(Published.AddSeconds(seconds), AnswerDeadline.For(request, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0")]
    [InlineData("3601")]
    [InlineData("-5")]
    [InlineData("5 minutes")]
    [InlineData("")]
    public void A_missing_or_impossible_ServiceTimeout_means_CloudFormation_s_default_of_an_hour(string? serviceTimeout)
    {
        var request = SampleRequests.Request(editProperties: p =>
        {
            if (serviceTimeout is null) p.Remove("ServiceTimeout");
            else p["ServiceTimeout"] = serviceTimeout;
        }) with { PublishedAt = Published };

        Assert.Equal(Published.AddHours(1), AnswerDeadline.For(request, Now));
    }

    [Fact]
    public void Without_a_publication_time_the_window_counts_from_now()
    {
        var request = SampleRequests.Request(editProperties: p => p["ServiceTimeout"] = "60") with { PublishedAt = null };

        Assert.Equal(Now.AddSeconds(60), AnswerDeadline.For(request, Now));
    }
}
