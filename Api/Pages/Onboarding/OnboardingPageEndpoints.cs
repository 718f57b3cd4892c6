using Microsoft.Extensions.Options;
using Onboarding.Api.Cluster;
using Onboarding.Api.CustomerLinks;
using Onboarding.Api.Pages.Layout;
using Onboarding.CustomerPages;
using Onboarding.Customers;

namespace Onboarding.Api.Pages.Onboarding;

/// <summary>
/// The customer's onboarding page and its live status, opened by the launch link's token (public: the token is the
/// capability). Refusals use the launch link's words: one answer for an unknown account, a wrong secret and a
/// malformed token; the link's own reason once it expired or the onboarding ended.
/// </summary>
public static class OnboardingPageEndpoints
{
    public const string StatusRoute = CustomerLinkRoutes.PageRoute + "/status";

    public static IEndpointRouteBuilder MapOnboardingPageEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(CustomerLinkRoutes.PageRoute, PageAsync)
            .AllowAnonymous()
            .RequireRateLimiting(CustomerLinkRateLimitPolicy.Name)
            .WithTags("Customer links")
            .WithName("OpenOnboardingPage")
            .WithSummary("The customer's onboarding page (HTML): who asks for access, what the role grants, the launch button, live progress.")
            .WithDescription("Public: the launch link's token is the capability. 404 for an unknown or wrong token, 410 once the link expired or the onboarding ended.")
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .Produces(StatusCodes.Status404NotFound, contentType: "text/html")
            .Produces(StatusCodes.Status410Gone, contentType: "text/html");
        routes.MapGet(StatusRoute, StatusAsync)
            .AllowAnonymous()
            .RequireRateLimiting(OnboardingStatusRateLimitPolicy.Name)
            .WithTags("Customer links")
            .WithName("GetOnboardingStatus")
            .WithSummary("The progress the onboarding page shows, for its script: step, milestones reached, headline, what to do, the role once connected.")
            .WithDescription("Public: the launch link's token is the capability. Never the external id. 404 for an unknown or wrong token.")
            .Produces<OnboardingProgress>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<IResult> PageAsync(string token, IClusterClient cluster, IdempotentClusterCalls calls, PageLayout layout, IOptions<PageOptions> options)
    {
        if (await OpenAsync(token, cluster, calls) is not { } view) return NotFound(layout);
        var progress = OnboardingProgress.Of(view);
        if (progress.Step is ProgressStep.Expired or ProgressStep.Ended)
            return layout.Gone(progress.Detail);
        var access = await calls.RunAsync(() => cluster.GetGrain<IRoleAccessGrain>(0).Describe());
        return layout.Page(StatusCodes.Status200OK, "Connect your AWS account",
            OnboardingPageHtml.Content(view, access, progress, token, layout.PartnerName),
            OnboardingPageHtml.Script, OnboardingPageHtml.MainAttributes(token, options.Value.StatusPollInterval));
    }

    private static async Task<IResult> StatusAsync(string token, HttpContext http, IClusterClient cluster, IdempotentClusterCalls calls)
    {
        CustomerLinkResponses.ApplyHeaders(http.Response);
        return await OpenAsync(token, cluster, calls) is { } view ? TypedResults.Ok(OnboardingProgress.Of(view)) : CustomerLinkResponses.NotFound();
    }

    private static async Task<OnboardingPageView?> OpenAsync(string token, IClusterClient cluster, IdempotentClusterCalls calls) =>
        CustomerLinkToken.TryParse(token, out var accountId, out var secret)
            ? await calls.RunAsync(() => cluster.GetGrain<ICustomerGrain>(accountId).OpenOnboardingPage(secret))
            : null;

    /// <summary>The launch link's words for a link nobody can use: nothing tells an unknown account from a wrong secret.</summary>
    public static IResult NotFound(PageLayout layout) => layout.Page(StatusCodes.Status404NotFound, CustomerLinkResponses.NotFoundTitle,
        $"<h1>{Html.Text(CustomerLinkResponses.NotFoundTitle)}</h1><p>{Html.Text(CustomerLinkResponses.NotFoundDetail)}</p>");
}
