using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.CustomerSimulation.Customers;
using Onboarding.CustomerSimulation.LocalAws;
using Onboarding.Grains.Whitelist;
using Onboarding.Organizations;
using Onboarding.Silo.Aws.Sns;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Integration.Customers;
using Onboarding.Tests.Integration.Events;

namespace Onboarding.Tests.Integration.Organizations;

/// <summary>
/// A whole AWS Organization onboarded through one launch: the simulator plays the management stack and the StackSet's
/// instances (concurrently), accounts joining and leaving, and the management stack's deletion, against the service.
/// </summary>
[Collection(ServiceCollectionDefinition.Name)]
public sealed class OrganizationOnboardingTests(OnboardingService service) : IAsyncLifetime
{
    private const string Region = "us-east-1";
    private static readonly string[] Root = ["r-ab12"];

    private readonly StackEvents _events = new(service);
    private readonly LocalOrganizationsClient _organizations = new(service.Aws.AwsUrl);
    private readonly HttpClient _templates = new();
    private readonly HttpClient _browser = service.Browser();
    private string _notifications = "";

    public async Task InitializeAsync() => _notifications = await StackEvents.SubscribeToNotificationsAsync(service);

    public Task DisposeAsync()
    {
        _organizations.Dispose();
        _templates.Dispose();
        _browser.Dispose();
        return Task.CompletedTask;
    }

    private OrganizationJourney Journey() =>
        new(new OnboardingApiClient(service.Client), _events.CloudFormation, _templates, new LaunchLinkOpener(_browser), _organizations);

    private static string NewOrganizationId() => "o-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task A_StackSet_over_50_members_activates_50_customers_under_one_organization_a_joiner_onboards_and_a_leaver_is_off_boarded()
    {
        var (organizationId, management) = (NewOrganizationId(), TestAccounts.Next());
        var members = Enumerable.Range(0, 50).Select(_ => TestAccounts.Next()).ToList();
        var journey = Journey();

        var launched = await journey.OnboardAsync(organizationId, management, members, Region, Root);

        Assert.Equal("SUCCESS", Status(launched.ManagementAnswer));
        Assert.All(launched.Members.Values, m => Assert.Equal("SUCCESS", Status(m.Answer)));
        var view = await WaitForMembersAsync(organizationId, active: 50);
        Assert.Equal(50, view.GetProperty("memberCount").GetInt32());
        Assert.Equal("Active", view.GetProperty("management").GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("launchUrl").ValueKind);
        // Each member answered once: one activation in its history, linked to the organization, with the one external id.
        var externalId = view.GetProperty("externalId").GetString();
        await Task.WhenAll(members.Select(async member =>
        {
            var customer = await _events.ViewAsync(member);
            Assert.Equal(("Active", organizationId, externalId), (customer.GetProperty("state").GetString(), customer.GetProperty("organizationId").GetString(), customer.GetProperty("externalId").GetString()));
            Assert.Single(customer.GetProperty("history").EnumerateArray(), h => h.GetProperty("trigger").GetString() == "StackCreated");
        }));
        // One statement admits the organization; every member has its own too, for its stack's Delete after it left.
        var policy = await TopicPolicyAsync(launched.ManagementStack.TopicArn);
        Assert.Equal([organizationId], policy.Organizations);
        Assert.Superset(members.Append(management).ToHashSet(), policy.CustomerAccounts.ToHashSet());
        var activated = await _events.ReceiveContainingAsync(_notifications, $"\"accountId\":\"{members[0]}\"");
        Assert.Contains($"\"organizationId\":\"{organizationId}\"", activated.Body);

        // The partner repeating its start changes nothing: the same onboarding, its members untouched.
        var repeated = await service.Client.PostAsJsonAsync("/organizations", new { managementAccountId = management, organizationId, region = Region, deploymentTargets = Root });
        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        Assert.Equal("Onboarding", (await repeated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());

        var joiner = TestAccounts.Next();
        var (_, joinAnswer) = await journey.JoinAsync(launched, joiner);
        Assert.Equal("SUCCESS", Status(joinAnswer));
        await WaitForMembersAsync(organizationId, active: 51);

        var (leaverStack, leaverAnswer) = launched.Members[members[7]];
        var left = await journey.LeaveAsync(launched, leaverStack, leaverAnswer.GetProperty("PhysicalResourceId").GetString()!);
        Assert.Equal("SUCCESS", Status(left));
        var after = await WaitForMembersAsync(organizationId, active: 50);
        Assert.Equal(1, after.GetProperty("members").GetProperty("Removed").GetInt32());
        Assert.Equal("Removed", (await _events.ViewAsync(members[7])).GetProperty("state").GetString());
        await _events.AssertNotOnTopicAsync(members[7], leaverStack.TopicArn);
    }

    [Fact]
    public async Task A_member_request_with_another_token_is_refused_and_the_management_stacks_deletion_off_boards_every_member()
    {
        var (organizationId, management) = (NewOrganizationId(), TestAccounts.Next());
        var members = Enumerable.Range(0, 3).Select(_ => TestAccounts.Next()).ToList();
        var journey = Journey();
        var launched = await journey.OnboardAsync(organizationId, management, members, Region, Root);
        await WaitForMembersAsync(organizationId, active: 3);

        var forger = TestAccounts.Next();
        await _organizations.JoinAsync(organizationId, forger);
        var forged = launched.StackSet.InstanceFor(forger);
        forged = forged with { Properties = new(forged.Properties) { ["OnboardingToken"] = "not-the-organizations-token" } };
        var refused = await _events.CloudFormation.SendAsync(forged, "Create");
        Assert.Equal("FAILED", Status(refused));
        Assert.Equal("request does not match this onboarding", refused.GetProperty("Reason").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await service.Client.GetAsync($"/customers/{forger}")).StatusCode);

        // An account onboarded on its own that the StackSet reaches keeps its own onboarding, and the organization reports it.
        var (own, ownStack, _) = await _events.StartAndLaunchAsync(Region);
        await _events.CreateAsync(ownStack);
        await _organizations.JoinAsync(organizationId, own);
        var ownInstance = await _events.CloudFormation.SendAsync(launched.StackSet.InstanceFor(own), "Create");
        Assert.Equal("FAILED", Status(ownInstance));
        Assert.Equal(OrganizationRefusals.OnboardedOnItsOwn, ownInstance.GetProperty("Reason").GetString());
        Assert.Equal([own], (await OrganizationAsync(organizationId)).GetProperty("onboardedOnTheirOwn").EnumerateArray().Select(a => a.GetString()));

        var deleted = await journey.DeleteManagementStackAsync(launched, launched.ManagementAnswer.GetProperty("PhysicalResourceId").GetString()!);
        Assert.Equal("SUCCESS", Status(deleted));
        var ended = await Eventually.ValueAsync(async () =>
        {
            var view = await OrganizationAsync(organizationId);
            return view.GetProperty("state").GetString() == "Removed" && view.GetProperty("members").TryGetProperty("Removed", out var removed) && removed.GetInt32() == 3 ? view : (JsonElement?)null;
        }, $"organization {organizationId} and its 3 members to be Removed");
        Assert.Equal(3, ended.GetProperty("memberCount").GetInt32());
        Assert.DoesNotContain(organizationId, (await TopicPolicyAsync(launched.ManagementStack.TopicArn)).Organizations);
        await _events.ReceiveContainingAsync(_notifications, $"\"type\":\"CustomerRemoved\",\"accountId\":\"{members[1]}\"");
        var ownAfter = await _events.ViewAsync(own);
        Assert.Equal("Active", ownAfter.GetProperty("state").GetString());
        Assert.Equal(ownStack.StackId, ownAfter.GetProperty("stackId").GetString());
    }

    [Fact]
    public async Task An_operator_off_boards_the_whole_organization_and_a_partner_key_may_not()
    {
        var (organizationId, management) = (NewOrganizationId(), TestAccounts.Next());
        var members = Enumerable.Range(0, 2).Select(_ => TestAccounts.Next()).ToList();
        await Journey().OnboardAsync(organizationId, management, members, Region, Root);
        await WaitForMembersAsync(organizationId, active: 2);

        Assert.Equal(HttpStatusCode.Forbidden, (await service.PartnerClient.DeleteAsync($"/organizations/{organizationId}")).StatusCode);
        var response = await service.Client.DeleteAsync($"/organizations/{organizationId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Removed", view.GetProperty("state").GetString());
        Assert.Equal(2, view.GetProperty("members").GetProperty("Removed").GetInt32());
        Assert.Equal("Removed", (await _events.ViewAsync(management)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_start_names_each_bad_field_in_a_problem_and_GET_of_an_unknown_organization_is_404()
    {
        var response = await service.Client.PostAsJsonAsync("/organizations", new { managementAccountId = "12345", organizationId = "org-1", deploymentTargets = new[] { "ou-x" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["deploymentTargets", "managementAccountId", "organizationId"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal(HttpStatusCode.NotFound, (await service.Client.GetAsync($"/organizations/{NewOrganizationId()}")).StatusCode);
    }

    private async Task<JsonElement> WaitForMembersAsync(string organizationId, int active) =>
        await Eventually.ValueAsync(async () =>
        {
            var view = await OrganizationAsync(organizationId);
            return view.GetProperty("members").TryGetProperty("Active", out var count) && count.GetInt32() == active
                   && view.GetProperty("management").GetProperty("state").GetString() == "Active" ? view : (JsonElement?)null;
        }, $"{active} Active members in organization {organizationId}");

    private Task<JsonElement> OrganizationAsync(string organizationId) => service.Client.GetFromJsonAsync<JsonElement>($"/organizations/{organizationId}");

    private async Task<TopicPolicyDocument> TopicPolicyAsync(string topicArn)
    {
        var policy = (await service.Silo.Services.GetRequiredService<ISnsClient>().GetTopicAttributesAsync(topicArn)).GetValueOrDefault("Policy");
        return TopicPolicyDocument.Parse(policy, topicArn);
    }

    private static string? Status(JsonElement answer) => answer.GetProperty("Status").GetString();
}
