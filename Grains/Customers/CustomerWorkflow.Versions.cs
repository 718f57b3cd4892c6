using Onboarding.Customers;
using Onboarding.Events;
using Onboarding.Grains.Notifications;
using Onboarding.Grains.Templates;

namespace Onboarding.Grains.Customers;

public static partial class CustomerWorkflow
{
    /// <summary>
    /// The version check of an Active customer (the version sweep asks each one): compares the version its stack runs
    /// with the one the settings render now. A stack newly behind is outdated once per offered version: its update
    /// template is published (under a new unguessable key from <paramref name="templateKeySuffix"/>), the move recorded
    /// and the partner notified with the update link. A stack that reported no version (a template from before
    /// versions) is taken to run the version current at its first check.
    /// </summary>
    public static Decision<TemplateVersionStatus> CheckTemplateVersion(CustomerState state, string templateKeySuffix, DateTimeOffset now, WorkflowOptions options)
    {
        // An organization's stacks are updated through its StackSet and management stack, not a single account's update link.
        if (options.TemplateVersion is not { } current || state.State != OnboardingState.Active || state.Organization is not null)
            return new(state, null, TemplateVersionStatus.NotApplicable, Write: false);
        if (state.OfferedVersion == current)
            return new(state, null, state.IsOutdated ? TemplateVersionStatus.StillOutdated : TemplateVersionStatus.Current, Write: false);

        var next = state.Copy();
        if (next.OfferedVersion is null) next.TemplateVersion ??= current;
        next.OfferedVersion = current;
        if (!next.IsOutdated)
        {
            // Back to what the stack runs (the settings were changed back): the update template is of no use any more.
            ReleaseUpdateTemplate(next);
            return new(next, null, TemplateVersionStatus.Current, Write: true);
        }

        // A template for an older offered version is replaced: the link must lead to the current one.
        if (next.TemplateKey is { } older) Enqueue(next, new DeleteTemplate(older));
        next.TemplateKey = $"{options.Onboarding.TemplateKeyPrefix}{next.AccountId}/{templateKeySuffix}.json";
        Enqueue(next, new PublishTemplate(next.TemplateKey));
        var reason = $"the stack runs template {next.TemplateVersion ?? "(no version)"}; {current} is offered";
        var transition = Move(next, OnboardingTrigger.TemplateOutdated, reason, now, options.Onboarding);
        var updateUrl = CustomerLinkRoutes.Update(options.Onboarding.PublicBaseUrl!, CustomerLinkToken.Format(next.AccountId, next.CustomerLinkSecret!));
        Notify(next, PartnerNotificationTypes.CustomerTemplateOutdated, reason, now, updateUrl: updateUrl);
        return new(next, transition, TemplateVersionStatus.BecameOutdated, Write: true);
    }

    /// <summary>
    /// The version a Create or Update reports its stack runs (null: the template carried none); a template edited by hand
    /// may claim anything, so the record keeps at most <see cref="MaxReportedVersionLength"/> characters of it.
    /// </summary>
    private static string? ReportedVersion(CustomResourceRequest request) =>
        request.ResourceProperties.GetValueOrDefault(CustomResourceProperties.TemplateVersion) is { Length: > MaxReportedVersionLength } claimed
            ? claimed[..MaxReportedVersionLength]
            : request.ResourceProperties.GetValueOrDefault(CustomResourceProperties.TemplateVersion);

    private const int MaxReportedVersionLength = 64;

    /// <summary>
    /// What the stack runs is what the request reports; a stack that runs the current version is offered it already (no
    /// check needs to write it), and a customer no longer outdated needs its update template no more.
    /// </summary>
    private static void RecordRunningVersion(CustomerState state, CustomResourceRequest request, string? currentVersion)
    {
        state.TemplateVersion = ReportedVersion(request);
        if (currentVersion is not null && state.TemplateVersion == currentVersion) state.OfferedVersion = currentVersion;
        if (!state.IsOutdated) ReleaseUpdateTemplate(state);
    }

    /// <summary>An Active customer's template is only ever an update template: deleted once it is not needed.</summary>
    private static void ReleaseUpdateTemplate(CustomerState state)
    {
        if (state.State == OnboardingState.Active && state.TemplateKey is { } key) Enqueue(state, new DeleteTemplate(key));
    }
}
