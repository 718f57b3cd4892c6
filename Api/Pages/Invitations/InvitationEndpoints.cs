using System.Globalization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Onboarding.Api.Auth;
using Onboarding.Api.Cluster;
using Onboarding.Api.CustomerLinks;
using Onboarding.Api.Customers;
using Onboarding.Api.Pages.Layout;
using Onboarding.Api.Pages.Onboarding;
using Onboarding.Api.Problems;
using Onboarding.Customers;
using Onboarding.Identifiers;
using Onboarding.Invitations;

namespace Onboarding.Api.Pages.Invitations;

/// <summary>
/// Invitations: the partner creates one when it does not know the customer's account (POST /invitations); the
/// customer opens its link, types the account id, and the onboarding starts under the invitation's reference.
/// </summary>
public static class InvitationEndpoints
{
    public static IEndpointRouteBuilder MapInvitationEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/invitations", CreateAsync)
            .RequireAuthorization(ApiRoles.PartnerPolicy)
            .WithTags("Invitations")
            .WithName("CreateInvitation")
            .WithSummary("Create an invitation: a single-use, expiring link with which the customer types its own account id.")
            .WithDescription("201 with the invitation's url (a capability: send it to the customer only), expiry, reference and region. " +
                "The onboarding starts under the reference when the customer submits an account id; without a region the customer chooses one.")
            .Accepts<CreateInvitationRequest>("application/json")
            .Produces<InvitationView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        routes.MapGet(CustomerLinkRoutes.InvitationRoute, PageAsync)
            .AllowAnonymous()
            .RequireRateLimiting(CustomerLinkRateLimitPolicy.Name)
            .WithTags("Customer links")
            .WithName("OpenInvitation")
            .WithSummary("The invitation's page (HTML): the customer types its account id (and region when the invitation fixes none).")
            .WithDescription("Public: the token is the capability. 404 for an unknown token, 410 once used or expired.")
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .Produces(StatusCodes.Status404NotFound, contentType: "text/html")
            .Produces(StatusCodes.Status410Gone, contentType: "text/html");
        routes.MapPost(CustomerLinkRoutes.InvitationRoute, AcceptAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(CustomerLinkRateLimitPolicy.Name)
            .WithTags("Customer links")
            .WithName("AcceptInvitation")
            .WithSummary("The invitation's form: starts the onboarding of the typed account under the invitation's reference, 303 to its onboarding page.")
            .WithDescription("Form fields accountId (and region). Refused (403) unless sent from the invitation's own page; 400 naming a wrong field, " +
                "409 when the account's onboarding in flight conflicts (the invitation stays open).")
            .Produces(StatusCodes.Status303SeeOther)
            .Produces(StatusCodes.Status400BadRequest, contentType: "text/html")
            .Produces(StatusCodes.Status409Conflict, contentType: "text/html");
        return routes;
    }

    private static async Task<IResult> CreateAsync(HttpRequest http, IClusterClient cluster, IdempotentClusterCalls calls, IOptions<ApiOptions> options, IOptions<JsonOptions> json)
    {
        // As POST /customers: only JSON, read within the limit.
        var (request, problem) = await JsonRequestBody.ReadAsync<CreateInvitationRequest>(http, options.Value.MaxRequestBodyBytes, json.Value.SerializerOptions);
        if (request is null) return problem!;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Reference)) errors["reference"] = ["reference is required: the onboarding starts under it."];
        else if (CustomerRequestRules.CheckReference(request.Reference, options.Value) is { } referenceError) errors["reference"] = [referenceError];
        if (request.Region is { } region && RegionNames.Check("region", region) is { } regionError) errors["region"] = [regionError];
        if (errors.Count > 0) return ProblemResults.Invalid(errors);

        var token = InvitationToken.New();
        var view = await calls.RunAsync(() => cluster.GetGrain<IInvitationGrain>(InvitationToken.GrainKey(token)).Create(token, request.Reference!, request.Region));
        return TypedResults.Created((string?)null, view);
    }

    private static async Task<IResult> PageAsync(string token, HttpContext http, IClusterClient cluster, IdempotentClusterCalls calls, PageLayout layout)
    {
        if (await ReadAsync(token, cluster, calls) is not { } invitation) return OnboardingPageEndpoints.NotFound(layout);
        if (Closed(invitation, layout) is { } closed) return closed;
        return Form(layout, invitation, StatusCodes.Status200OK, null, null, new Dictionary<string, string>(), null);
    }

    private static async Task<IResult> AcceptAsync(string token, HttpContext http, IClusterClient cluster, IdempotentClusterCalls calls, PageLayout layout)
    {
        if (!SameOrigin.Allows(http.Request))
            return layout.Page(StatusCodes.Status403Forbidden, "Not allowed", "<h1>Not allowed.</h1><p>This form can only be sent from its own page.</p>");
        if (await ReadAsync(token, cluster, calls) is not { } invitation) return OnboardingPageEndpoints.NotFound(layout);
        if (Closed(invitation, layout) is { } closed) return closed;

        var form = await PostedForm.ReadAsync(http.Request);
        var accountId = form["accountId"].FirstOrDefault()?.Trim();
        var region = invitation.Region is null ? form["region"].FirstOrDefault() : null;
        var errors = new Dictionary<string, string>();
        if (CustomerRequestRules.CheckAccountId(accountId) is { } accountError) errors["accountId"] = accountError;
        if (invitation.Region is null && RegionNames.Check("region", region) is { } regionError) errors["region"] = regionError;
        if (errors.Count > 0) return Form(layout, invitation, StatusCodes.Status400BadRequest, accountId, region, errors, null);

        var acceptance = await calls.RunAsync(() => cluster.GetGrain<IInvitationGrain>(InvitationToken.GrainKey(token)).Accept(accountId!, region));
        return acceptance switch
        {
            { PageUrl: { } page } => new SeeOther(page.AbsoluteUri),
            { Refusal: { Kind: RefusalKind.RegionNotAllowed } refusal } =>
                Form(layout, invitation, StatusCodes.Status400BadRequest, accountId, region, new Dictionary<string, string> { ["region"] = refusal.Message }, null),
            { Refusal: { } refusal } => Form(layout, invitation, StatusCodes.Status409Conflict, accountId, region, new Dictionary<string, string>(),
                InvitationPageHtml.Refusal(refusal, layout.PartnerName)),
            { Status: { } status } => Closed(invitation with { Status = status }, layout) ?? OnboardingPageEndpoints.NotFound(layout),
            _ => OnboardingPageEndpoints.NotFound(layout),
        };
    }

    private static async Task<InvitationView?> ReadAsync(string token, IClusterClient cluster, IdempotentClusterCalls calls) =>
        InvitationToken.IsWellFormed(token) ? await calls.RunAsync(() => cluster.GetGrain<IInvitationGrain>(InvitationToken.GrainKey(token)).Get()) : null;

    /// <summary>The page of a used or expired invitation (410), or null while it is open.</summary>
    private static IResult? Closed(InvitationView invitation, PageLayout layout)
    {
        var reason = invitation.Status switch
        {
            InvitationStatus.Used => "This invitation was already used to connect an AWS account. Ask whoever sent it for a new one to connect another.",
            InvitationStatus.Expired => $"This invitation expired on {invitation.ExpiresAt.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}. Ask whoever sent it for a new one.",
            _ => null,
        };
        return reason is null ? null : layout.Gone(reason);
    }

    private static IResult Form(PageLayout layout, InvitationView invitation, int status, string? accountId, string? region, IReadOnlyDictionary<string, string> errors, string? problem) =>
        layout.Page(status, "Connect your AWS account", InvitationPageHtml.Form(invitation, layout.PartnerName, accountId, region, errors, problem));
}
