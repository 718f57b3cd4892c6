using System.Diagnostics;
using System.Text.Json;
using Onboarding.CustomerSimulation.CloudFormation;

namespace Onboarding.CustomerSimulation.Customers;

/// <summary>
/// One customer going through an onboarding as in production: the partner starts it through the API,
/// the customer opens the launch link (the service redirects to the quick-create page, whose template
/// the console downloads), CloudFormation creates the role and then sends the custom resource's Create
/// request over SNS and waits for the answer on its ResponseURL.
/// </summary>
public sealed class CustomerJourney(OnboardingApiClient api, CloudFormationSimulator cloudFormation, HttpClient templates, LaunchLinkOpener launchLinks)
{
    /// <summary>The outcome of an onboarding, with the two latencies the benchmark reports.</summary>
    public sealed record Onboarded(LaunchedStack Stack, JsonElement StartView, JsonElement Answer, TimeSpan StartLatency, TimeSpan AnswerLatency)
    {
        public string Status => Answer.GetProperty("Status").GetString() ?? "";
        public string PhysicalResourceId => Answer.GetProperty("PhysicalResourceId").GetString() ?? "";
    }

    /// <summary>Start → template → role "created" → Create published → answer read. <paramref name="narrate"/> hears each step.</summary>
    public async Task<Onboarded> OnboardAsync(string accountId, string region, string? reference = null, Action<string>? narrate = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var view = await api.StartAsync(accountId, region, reference, cancellationToken);
        var startLatency = clock.Elapsed;
        var state = Text(view, "state");
        narrate?.Invoke($"started: state {state}, external id {Text(view, "externalId")}, topic {Text(view, "topicArn")}");
        if (Text(view, "launchUrl") is not { } launchText)
            throw new InvalidOperationException($"The onboarding of {accountId} is {state} and has no launch URL.");

        var launchUrl = await launchLinks.OpenAsync(new Uri(launchText), cancellationToken);
        narrate?.Invoke($"launch link opened: quick-create page {launchUrl.GetLeftPart(UriPartial.Path)}");
        var templateUrl = LaunchLinks.TemplateUrl(launchUrl);
        var template = await templates.GetStringAsync(templateUrl, cancellationToken);
        narrate?.Invoke($"template downloaded ({template.Length} bytes) from {templateUrl.GetLeftPart(UriPartial.Path)}");

        var stack = LaunchedStack.FromTemplate(template, accountId, region, LaunchLinks.StackName(launchUrl));

        // With the simulator's Iam set, this creates the stack's role first (trust policy as the template renders it).
        var pending = await cloudFormation.NewRequestAsync(stack, CustomResourceRequests.Create, physicalResourceId: null, cancellationToken: cancellationToken);
        narrate?.Invoke($"stack {stack.StackId} created role {stack.RoleArn()}");
        clock.Restart();
        await cloudFormation.PublishAsync(stack.TopicArn, pending.Request, cancellationToken);
        narrate?.Invoke($"Create request {pending.Request["RequestId"]} published to {stack.TopicArn}; waiting for the answer on its ResponseURL");
        var answer = await cloudFormation.AnswerAsync(pending.AnswerKey, cancellationToken);
        var answerLatency = clock.Elapsed;
        narrate?.Invoke($"answer: {answer.GetRawText()}");
        return new Onboarded(stack, view, answer, startLatency, answerLatency);
    }

    /// <summary>A stack update that renames the role: Update with the resource's physical id and the old properties.</summary>
    public async Task<(LaunchedStack Stack, JsonElement Answer)> UpdateRoleAsync(LaunchedStack stack, string physicalResourceId, string roleName, CancellationToken cancellationToken = default)
    {
        var updated = stack with { Properties = new(stack.Properties) { ["RoleArn"] = stack.RoleArn(roleName) } };
        var pending = await cloudFormation.NewRequestAsync(updated, CustomResourceRequests.Update, physicalResourceId, oldProperties: stack.Properties, cancellationToken: cancellationToken);
        await cloudFormation.PublishAsync(updated.TopicArn, pending.Request, cancellationToken);
        return (updated, await cloudFormation.AnswerAsync(pending.AnswerKey, cancellationToken));
    }

    /// <summary>The stack's deletion: Delete with the resource's physical id.</summary>
    public async Task<JsonElement> DeleteAsync(LaunchedStack stack, string physicalResourceId, CancellationToken cancellationToken = default)
    {
        var pending = await cloudFormation.NewRequestAsync(stack, CustomResourceRequests.Delete, physicalResourceId, cancellationToken: cancellationToken);
        await cloudFormation.PublishAsync(stack.TopicArn, pending.Request, cancellationToken);
        return await cloudFormation.AnswerAsync(pending.AnswerKey, cancellationToken);
    }

    private static string? Text(JsonElement view, string name) =>
        view.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
