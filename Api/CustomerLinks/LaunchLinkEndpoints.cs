using Onboarding.Api.Cluster;
using Onboarding.Customers;

namespace Onboarding.Api.CustomerLinks;

/// <summary>The stable launch link customers receive: public, the token in the path being the capability.</summary>
public static class LaunchLinkEndpoints
{
    public static IEndpointRouteBuilder MapLaunchLinkEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(CustomerLinkRoutes.LaunchRoute, OpenAsync)
            .AllowAnonymous()
            .RequireRateLimiting(CustomerLinkRateLimitPolicy.Name)
            .WithTags("Customer links")
            .WithName("OpenLaunchLink")
            .WithSummary("The customer's launch link: 302 to the CloudFormation quick-create page, its template URL presigned at this moment.")
            .WithDescription("Public: the token in the path is the capability, no API key. 404 for an unknown or wrong token, 410 once the link " +
                "expired or the onboarding ended, 429 past the per-address limit, 503 when the service cannot sign a template URL the console " +
                "accepts. Never cached, no referrer; refusals are HTML for browsers, problem+json otherwise.")
            .Produces(StatusCodes.Status302Found)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        routes.MapGet(CustomerLinkRoutes.UpdateRoute, OpenUpdateAsync)
            .AllowAnonymous()
            .RequireRateLimiting(CustomerLinkRateLimitPolicy.Name)
            .WithTags("Customer links")
            .WithName("OpenUpdateLink")
            .WithSummary("An outdated customer's update link: 302 to the CloudFormation update-stack page for its stack, the current template's URL presigned at this moment.")
            .WithDescription("Public: the token in the path is the capability (the launch link's), no API key. The console's update-stack URL is not a " +
                "documented contract: best effort (README, \"Template versions\", gives the written steps). 404 for an unknown or wrong token, 410 when " +
                "there is nothing to update (the stack runs the current template, or the account is not connected), 429 past the per-address limit, " +
                "503 when the service cannot sign a template URL the console accepts.")
            .Produces(StatusCodes.Status302Found)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    private static Task<IResult> OpenAsync(string token, HttpContext http, IClusterClient cluster, IdempotentClusterCalls calls) =>
        AnswerAsync(token, http, calls, (accountId, secret) => cluster.GetGrain<ICustomerGrain>(accountId).OpenLaunchLink(secret));

    private static Task<IResult> OpenUpdateAsync(string token, HttpContext http, IClusterClient cluster, IdempotentClusterCalls calls) =>
        AnswerAsync(token, http, calls, (accountId, secret) => cluster.GetGrain<ICustomerGrain>(accountId).OpenUpdateLink(secret));

    private static async Task<IResult> AnswerAsync(
        string token, HttpContext http, IdempotentClusterCalls calls, Func<string, string, Task<LaunchLinkAnswer>> open)
    {
        CustomerLinkResponses.ApplyHeaders(http.Response);
        if (!CustomerLinkToken.TryParse(token, out var accountId, out var secret)) return CustomerLinkResponses.NotFound();

        var answer = await calls.RunAsync(() => open(accountId, secret));
        return answer switch
        {
            // AbsoluteUri: ToString() would unescape the template URL inside the query.
            { Status: LaunchLinkStatus.Ready, QuickCreateUrl: { } url } => TypedResults.Redirect(url.AbsoluteUri),
            { Status: LaunchLinkStatus.Expired or LaunchLinkStatus.Ended, Reason: { } reason } => CustomerLinkResponses.Gone(reason),
            { Status: LaunchLinkStatus.CannotLaunch, Reason: { } reason } => CustomerLinkResponses.CannotLaunch(reason),
            _ => CustomerLinkResponses.NotFound(),
        };
    }
}
