using System.Collections.Concurrent;
using System.Text.Json;
using Onboarding.CustomerSimulation.CloudFormation;
using Onboarding.CustomerSimulation.LocalAws;

namespace Onboarding.CustomerSimulation.Customers;

/// <summary>
/// A whole AWS Organization onboarding as in production: the partner starts it through the API, the management account
/// opens the launch link and launches the management template (its own role and custom resource first, then the
/// service-managed StackSet), and the StackSet deploys the member template to every member account at once; later an
/// account joins (auto-deployment) or leaves (its stack instance is deleted). Membership is played on the stand-in's
/// organization registry, which the SNS gate reads as aws:PrincipalOrgID.
/// </summary>
public sealed class OrganizationJourney(
    OnboardingApiClient api, CloudFormationSimulator cloudFormation, HttpClient templates, LaunchLinkOpener launchLinks, LocalOrganizationsClient organizations)
{
    /// <summary>The organization launched: its management stack, the StackSet as CloudFormation reads it, and each stack's answer.</summary>
    public sealed record Launched(
        string OrganizationId, JsonElement StartView, string ManagementTemplate, LaunchedStack ManagementStack, JsonElement ManagementAnswer,
        StackSetDeployment StackSet, IReadOnlyDictionary<string, (LaunchedStack Stack, JsonElement Answer)> Members);

    /// <summary>
    /// Start → launch link → management template → management stack (role, Create, answer) → the StackSet's instances in
    /// every member account, concurrently (each: the member is in the organization, its role created, its Create published).
    /// </summary>
    public async Task<Launched> OnboardAsync(
        string organizationId, string managementAccountId, IReadOnlyList<string> memberAccounts, string region, IReadOnlyList<string> deploymentTargets,
        string? reference = null, Action<string>? narrate = null, CancellationToken cancellationToken = default)
    {
        var view = await api.StartOrganizationAsync(organizationId, managementAccountId, region, deploymentTargets, reference, cancellationToken);
        narrate?.Invoke($"organization started: state {Text(view, "state")}, topic {Text(view, "topicArn")}");
        if (Text(view, "launchUrl") is not { } launchText)
            throw new InvalidOperationException($"The onboarding of organization {organizationId} has no launch URL.");
        var launchUrl = await launchLinks.OpenAsync(new Uri(launchText), cancellationToken);
        var template = await templates.GetStringAsync(LaunchLinks.TemplateUrl(launchUrl), cancellationToken);
        narrate?.Invoke($"management template downloaded ({template.Length} bytes)");

        await organizations.JoinAsync(organizationId, managementAccountId, cancellationToken);
        foreach (var member in memberAccounts) await organizations.JoinAsync(organizationId, member, cancellationToken);

        // The StackSet depends on the management account's custom resource: that Create comes first.
        var management = StackSetDeployment.ManagementStack(template, managementAccountId, region, LaunchLinks.StackName(launchUrl));
        var managementAnswer = await cloudFormation.SendAsync(management, CustomResourceRequests.Create, cancellationToken: cancellationToken);
        narrate?.Invoke($"management stack {management.StackId}: {Text(managementAnswer, "Status")}");

        var stackSet = StackSetDeployment.FromManagementTemplate(template);
        var members = new ConcurrentDictionary<string, (LaunchedStack, JsonElement)>();
        await Parallel.ForEachAsync(memberAccounts, new ParallelOptions { MaxDegreeOfParallelism = memberAccounts.Count > 0 ? memberAccounts.Count : 1, CancellationToken = cancellationToken },
            async (member, token) => members[member] = await DeployInstanceAsync(stackSet, member, token));
        narrate?.Invoke($"StackSet {stackSet.StackSetName}: {members.Values.Count(m => Text(m.Item2, "Status") == "SUCCESS")} of {memberAccounts.Count} member instances answered SUCCESS");
        return new Launched(organizationId, view, template, management, managementAnswer, stackSet, members);
    }

    /// <summary>An account joins the organization: auto-deployment creates its stack instance, which reports its Create.</summary>
    public async Task<(LaunchedStack Stack, JsonElement Answer)> JoinAsync(Launched organization, string accountId, CancellationToken cancellationToken = default)
    {
        await organizations.JoinAsync(organization.OrganizationId, accountId, cancellationToken);
        return await DeployInstanceAsync(organization.StackSet, accountId, cancellationToken);
    }

    /// <summary>
    /// An account leaves the organization: it is out first, then its stack instance is deleted (the Delete still reaches
    /// the service through the member's own statement on the topic).
    /// </summary>
    public async Task<JsonElement> LeaveAsync(Launched organization, LaunchedStack instance, string physicalResourceId, CancellationToken cancellationToken = default)
    {
        await organizations.LeaveAsync(organization.OrganizationId, instance.AccountId, cancellationToken);
        return await cloudFormation.SendAsync(instance, CustomResourceRequests.Delete, physicalResourceId, cancellationToken: cancellationToken);
    }

    /// <summary>The management stack's deletion (its custom resource's Delete); the StackSet's instances go with it.</summary>
    public Task<JsonElement> DeleteManagementStackAsync(Launched organization, string physicalResourceId, CancellationToken cancellationToken = default) =>
        cloudFormation.SendAsync(organization.ManagementStack, CustomResourceRequests.Delete, physicalResourceId, cancellationToken: cancellationToken);

    // With the simulator's Iam set, SendAsync creates the instance's role before its Create, as CloudFormation does.
    private async Task<(LaunchedStack, JsonElement)> DeployInstanceAsync(StackSetDeployment stackSet, string accountId, CancellationToken cancellationToken)
    {
        var instance = stackSet.InstanceFor(accountId);
        return (instance, await cloudFormation.SendAsync(instance, CustomResourceRequests.Create, cancellationToken: cancellationToken));
    }

    private static string? Text(JsonElement view, string name) =>
        view.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
