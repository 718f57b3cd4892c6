using Onboarding.Api.Pages.Onboarding;
using Onboarding.CustomerPages;
using Onboarding.Customers;
using Onboarding.Grains.CustomerPages;
using Onboarding.Grains.Customers;
using Onboarding.Identity;

namespace Onboarding.Tests.Unit.Pages;

/// <summary>What the onboarding page shows for each moment of an onboarding, from the record alone.</summary>
public sealed class OnboardingPageRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 30, 0, TimeSpan.Zero);
    private const string Account = "123456789012";
    private static readonly string Secret = SecureTokens.CustomerLinkSecret();
    private static readonly OnboardingOptions Options = new() { StackNamePrefix = "PartnerOnboarding" };

    private static CustomerState Customer(OnboardingState state, params TransitionRecord[] history) => new()
    {
        AccountId = Account,
        State = state,
        Region = "eu-west-1",
        ExternalId = "external-id-of-the-customer",
        OnboardingToken = "onboarding-token-of-the-template",
        TemplateKey = "templates/123456789012/secret-key.json",
        CustomerLinkSecret = Secret,
        StartedAt = Now.AddHours(-2),
        LaunchUrlExpiresAt = Now.AddDays(1),
        History = [.. history],
    };

    private static TransitionRecord Moved(OnboardingTrigger trigger, OnboardingState to, int minutesAgo = 1) =>
        new(Now.AddMinutes(-minutesAgo), OnboardingState.Templated, to, trigger, trigger.ToString());

    private static OnboardingProgress ProgressOf(CustomerState state) => OnboardingProgress.Of(OnboardingPageRules.View(state, Secret, Now, Options)!);

    [Fact]
    public void A_wrong_secret_opens_no_page_whatever_the_state()
    {
        foreach (var state in Enum.GetValues<OnboardingState>())
            Assert.Null(OnboardingPageRules.View(Customer(state), SecureTokens.CustomerLinkSecret(), Now, Options));
    }

    [Fact]
    public void The_page_shows_the_account_region_external_id_and_stack_and_never_the_template_token_or_key()
    {
        var view = OnboardingPageRules.View(Customer(OnboardingState.Templated), Secret, Now, Options)!;

        Assert.Equal((Account, "eu-west-1", "external-id-of-the-customer", "PartnerOnboarding-123456789012"), (view.AccountId, view.Region, view.ExternalId, view.StackName));
        var printed = System.Text.Json.JsonSerializer.Serialize(view);
        Assert.DoesNotContain("onboarding-token-of-the-template", printed);
        Assert.DoesNotContain("secret-key", printed);
        Assert.DoesNotContain(Secret, printed);
        Assert.DoesNotContain("external-id-of-the-customer", view.ToString());
    }

    [Fact]
    public void Waiting_then_role_verified_then_connected_with_the_role_at_the_end()
    {
        Assert.Equal((ProgressStep.Waiting, 0), Step(Customer(OnboardingState.Templated)));

        var activating = Customer(OnboardingState.Activating, Moved(OnboardingTrigger.StackCreated, OnboardingState.Activating));
        activating.RoleArn = $"arn:aws:iam::{Account}:role/PartnerAccess";
        Assert.Equal((ProgressStep.RoleVerified, 3), Step(activating));
        Assert.Null(ProgressOf(activating).RoleArn);

        var active = Customer(OnboardingState.Active, Moved(OnboardingTrigger.StackCreated, OnboardingState.Activating, 2), Moved(OnboardingTrigger.AnswerAccepted, OnboardingState.Active));
        active.RoleArn = activating.RoleArn;
        active.RoleCheck = new RoleVerification(RoleVerificationOutcome.Verified, "ok", Now, 1, true);
        var connected = ProgressOf(active);
        Assert.Equal((ProgressStep.Connected, 4, true), (connected.Step, connected.Reached, connected.Final));
        Assert.Equal(activating.RoleArn, connected.RoleArn);
    }

    [Fact]
    public void A_rejected_role_shows_the_reason_the_stack_was_given_until_the_next_move()
    {
        var rejected = Customer(OnboardingState.Templated, Moved(OnboardingTrigger.RoleRejected, OnboardingState.Templated));
        rejected.RoleCheck = new RoleVerification(RoleVerificationOutcome.TrustsWithoutExternalId, "Restore the template's trust policy.", Now, 1, true);

        var failed = ProgressOf(rejected);

        Assert.Equal((ProgressStep.Failed, 2, false), (failed.Step, failed.Reached, failed.Final));
        Assert.StartsWith("Restore the template's trust policy.", failed.Detail);
        Assert.Equal("failed", Onboarding.Api.Pages.Onboarding.OnboardingPageHtml.MilestoneState(failed, 2));
    }

    [Fact]
    public void A_setback_of_an_earlier_attempt_is_not_this_attempts()
    {
        var restarted = Customer(OnboardingState.Templated, Moved(OnboardingTrigger.RoleRejected, OnboardingState.Templated, minutesAgo: 500));

        Assert.Equal((ProgressStep.Waiting, 0), Step(restarted));
    }

    [Fact]
    public void An_expired_link_and_an_ended_onboarding_say_so_in_the_launch_links_words()
    {
        var expired = Customer(OnboardingState.Templated);
        expired.LaunchUrlExpiresAt = Now.AddMinutes(-1);
        var removed = Customer(OnboardingState.Removed, Moved(OnboardingTrigger.OffBoarded, OnboardingState.Removed));

        Assert.Equal(ProgressStep.Expired, ProgressOf(expired).Step);
        Assert.Equal(LaunchLinkRules.Refusal(LaunchLinkStatus.Expired, expired).Reason, ProgressOf(expired).Detail);
        Assert.Equal((ProgressStep.Ended, true), (ProgressOf(removed).Step, ProgressOf(removed).Final));
        Assert.StartsWith("This onboarding has ended.", ProgressOf(removed).Detail);
    }

    [Fact]
    public void A_connected_role_that_failed_its_recheck_says_why()
    {
        var degraded = Customer(OnboardingState.Active, Moved(OnboardingTrigger.AnswerAccepted, OnboardingState.Active));
        degraded.RoleCheck = new RoleVerification(RoleVerificationOutcome.NotAssumable, "The partner cannot assume the role.", Now, 3, false);

        var progress = ProgressOf(degraded);

        Assert.Equal(ProgressStep.Connected, progress.Step);
        Assert.StartsWith("The partner cannot assume the role.", progress.Detail);
    }

    private static (ProgressStep, int) Step(CustomerState state) => (ProgressOf(state).Step, ProgressOf(state).Reached);

    [Fact]
    public void An_outdated_customers_page_says_an_update_is_available_with_the_update_link_and_the_steps_by_hand()
    {
        var current = Customer(OnboardingState.Active);
        current.StackId = $"arn:aws:cloudformation:eu-west-1:{Account}:stack/PartnerOnboarding-{Account}/0f1e2d3c";
        (current.TemplateVersion, current.OfferedVersion, current.TemplateKey) = ("v1-1111111111111111", "v1-1111111111111111", null);
        var outdated = Customer(OnboardingState.Active);
        outdated.StackId = current.StackId;
        (outdated.TemplateVersion, outdated.OfferedVersion) = ("v1-1111111111111111", "v1-2222222222222222");
        var access = new RoleAccess("111122223333", "arn:aws:iam::111122223333:root", ["arn:aws:iam::aws:policy/SecurityAudit"], []);
        const string token = "123456789012.token";

        var currentView = OnboardingPageRules.View(current, Secret, Now, Options)!;
        var outdatedView = OnboardingPageRules.View(outdated, Secret, Now, Options)!;
        var html = OnboardingPageHtml.Content(outdatedView, access, OnboardingProgress.Of(outdatedView), token, "Example Partner");

        Assert.False(currentView.UpdateAvailable);
        Assert.DoesNotContain("An update is available", OnboardingPageHtml.Content(currentView, access, OnboardingProgress.Of(currentView), token, "Example Partner"));
        Assert.True(outdatedView.UpdateAvailable);
        Assert.Contains("An update is available", html);
        Assert.Contains("href=\"../update/123456789012.token\"", html);
        Assert.Contains("Replace existing template", html);
    }
}
