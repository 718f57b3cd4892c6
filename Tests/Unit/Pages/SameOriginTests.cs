using Onboarding.Api.Pages.Layout;

namespace Onboarding.Tests.Unit.Pages;

public sealed class SameOriginTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", null, true)]
    [InlineData("null", "same-origin", true)]
    [InlineData(null, null, true)]
    [InlineData("https://attacker.example", null, false)]
    [InlineData("http://127.0.0.1:5081", null, false)]
    [InlineData("null", null, false)]
    [InlineData("null", "cross-site", false)]
    [InlineData("http://127.0.0.1:5080", "same-site", false)]
    public void A_post_is_taken_only_from_the_services_own_pages(string? origin, string? fetchSite, bool allowed) =>
        Assert.Equal(allowed, SameOrigin.Allows(origin, fetchSite, "http", "127.0.0.1:5080"));
}
