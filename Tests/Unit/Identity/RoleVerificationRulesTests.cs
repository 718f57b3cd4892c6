using System.Text.RegularExpressions;
using Onboarding.Grains.Identity;
using Onboarding.Identity;
using static Onboarding.Grains.Identity.AssumeRoleAnswer;

namespace Onboarding.Tests.Unit.Identity;

public sealed partial class RoleVerificationRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);

    /// <summary>STS's answers with, without and with a wrong external id (null: that check did not run) → the outcome and the customer's reason.</summary>
    public static TheoryData<string, AssumeRoleAnswer, AssumeRoleAnswer?, AssumeRoleAnswer?, RoleVerificationOutcome, string> Table => new()
    {
        { "admits the external id only", Assumed, Denied, Denied, RoleVerificationOutcome.Verified, RoleVerificationRules.VerifiedReason },
        { "a re-check with the external id only", Assumed, null, null, RoleVerificationOutcome.Verified, RoleVerificationRules.VerifiedWithExternalIdReason },
        { "denied with the external id", Denied, null, null, RoleVerificationOutcome.NotAssumable, RoleVerificationRules.NotAssumableReason },
        { "an invalid request", Invalid, null, null, RoleVerificationOutcome.NotAssumable, RoleVerificationRules.InvalidRequestReason },
        { "admits no external id", Assumed, Assumed, null, RoleVerificationOutcome.TrustsWithoutExternalId, RoleVerificationRules.TrustsWithoutExternalIdReason },
        { "admits any external id", Assumed, Denied, Assumed, RoleVerificationOutcome.AcceptsWrongExternalId, RoleVerificationRules.AcceptsWrongExternalIdReason },
        // An invalid negative request admitted nobody: it is no hole in the trust policy.
        { "a negative check refused as invalid", Assumed, Invalid, Invalid, RoleVerificationOutcome.Verified, RoleVerificationRules.VerifiedReason },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void STS_answers_decide_the_outcome_and_the_customers_reason(
        string _, AssumeRoleAnswer with, AssumeRoleAnswer? without, AssumeRoleAnswer? wrong, RoleVerificationOutcome outcome, string reason)
    {
        var result = RoleVerificationRules.Decide(with, without, wrong, attempts: 3, Now);

        Assert.Equal(new RoleVerification(outcome, reason, Now, 3, NegativeChecks: without is not null), result);
        Assert.Equal(outcome == RoleVerificationOutcome.Verified, result.IsVerified);
    }

    [Theory]
    [InlineData(Denied, Denied, Denied)]        // negative checks after a denial
    [InlineData(Assumed, null, Denied)]         // a wrong id without the check without one
    [InlineData(Assumed, Denied, null)]         // the wrong id's check missing
    public void Combinations_the_verifier_never_makes_are_refused(AssumeRoleAnswer with, AssumeRoleAnswer? without, AssumeRoleAnswer? wrong) =>
        Assert.Throws<ArgumentException>(() => RoleVerificationRules.Decide(with, without, wrong, attempts: 1, Now));

    [Fact]
    public void The_reasons_say_what_to_do_and_name_no_arn_account_or_id()
    {
        string[] reasons =
        [
            RoleVerificationRules.VerifiedReason, RoleVerificationRules.VerifiedWithExternalIdReason, RoleVerificationRules.NotAssumableReason,
            RoleVerificationRules.InvalidRequestReason, RoleVerificationRules.TrustsWithoutExternalIdReason, RoleVerificationRules.AcceptsWrongExternalIdReason,
        ];
        foreach (var reason in reasons)
        {
            Assert.DoesNotContain("arn:", reason, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch(Digits(), reason);
        }
        // The issue's words, which the partner's support will be asked about.
        Assert.StartsWith("The role trusts the partner without requiring the external id", RoleVerificationRules.TrustsWithoutExternalIdReason);
        foreach (var failure in reasons[2..]) Assert.Contains("then create or update the stack again", failure);
    }

    [Theory]
    [InlineData(RoleVerificationMode.Onboarding, Denied, true)]
    [InlineData(RoleVerificationMode.Onboarding, Assumed, false)]
    [InlineData(RoleVerificationMode.Onboarding, Invalid, false)]
    [InlineData(RoleVerificationMode.Recheck, Denied, false)]
    [InlineData(RoleVerificationMode.RecheckWithNegativeChecks, Denied, false)]
    public void Only_AccessDenied_at_onboarding_is_asked_again(RoleVerificationMode mode, AssumeRoleAnswer answer, bool again) =>
        Assert.Equal(again, RoleVerificationRules.AsksAgain(mode, answer));

    [Theory]
    [InlineData(0, 30, 2, 2.0)]        // well inside the bound: the backoff
    [InlineData(29, 30, 2, 1.0)]       // the last pause ends at the bound
    [InlineData(30, 30, 2, null)]      // the bound reached: no more attempts
    [InlineData(31, 30, 2, null)]
    public void Pauses_never_run_past_MaxWait(double elapsed, double maxWait, double backoff, double? pause) =>
        Assert.Equal(pause is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            RoleVerificationRules.PauseBeforeNextAttempt(TimeSpan.FromSeconds(elapsed), TimeSpan.FromSeconds(maxWait), TimeSpan.FromSeconds(backoff)));

    [Theory]
    [InlineData(RoleVerificationMode.Onboarding, Assumed, true)]
    [InlineData(RoleVerificationMode.RecheckWithNegativeChecks, Assumed, true)]
    [InlineData(RoleVerificationMode.Recheck, Assumed, false)]
    [InlineData(RoleVerificationMode.Onboarding, Denied, false)]
    [InlineData(RoleVerificationMode.Onboarding, Invalid, false)]
    public void The_negative_checks_run_once_the_role_was_assumed_unless_a_plain_recheck(RoleVerificationMode mode, AssumeRoleAnswer with, bool run) =>
        Assert.Equal(run, RoleVerificationRules.RunsNegativeChecks(mode, with));

    [Theory]
    [InlineData(Denied, true)]
    [InlineData(Invalid, true)]
    [InlineData(Assumed, false)]
    public void A_role_admitting_no_external_id_needs_no_wrong_one(AssumeRoleAnswer without, bool checkWrong) =>
        Assert.Equal(checkWrong, RoleVerificationRules.ChecksWrongExternalId(without));

    [Theory]
    [InlineData(RoleVerificationMode.Onboarding, false)]
    [InlineData(RoleVerificationMode.Recheck, true)]
    [InlineData(RoleVerificationMode.RecheckWithNegativeChecks, true)]
    public void Rechecks_are_paced_and_onboardings_are_not(RoleVerificationMode mode, bool paced) =>
        Assert.Equal(paced, RoleVerificationRules.IsPaced(mode));

    [Fact]
    public void A_printed_role_to_verify_leaves_out_the_external_id()
    {
        var role = new RoleToVerify("arn:aws:iam::123456789012:role/R", "ext-secretish-0123", "123456789012");

        Assert.DoesNotContain("ext-secretish-0123", role.ToString());
        Assert.Contains("arn:aws:iam::123456789012:role/R", role.ToString());
    }

    [Theory]
    [InlineData("arn:aws:iam::123456789012:user/alice", "123456789012", "ext-0123456789")]               // not a role
    [InlineData("arn:aws:iam::210987654321:role/R", "123456789012", "ext-0123456789")]                  // another account's role
    [InlineData("arn:aws:iam::123456789012:role/R", "1234", "ext-0123456789")]                          // no account id
    [InlineData("arn:aws:iam::123456789012:role/R", "123456789012", "has space")]                       // STS refuses spaces
    [InlineData("arn:aws:iam::123456789012:role/R", "123456789012", "x")]                               // too short
    public void A_malformed_request_is_refused_before_any_STS_call(string roleArn, string account, string externalId) =>
        Assert.Throws<ArgumentException>(() => RoleVerificationRules.ThrowIfMalformed(new RoleToVerify(roleArn, externalId, account)));

    [Fact]
    public void A_role_of_the_customers_account_with_a_path_is_well_formed() =>
        RoleVerificationRules.ThrowIfMalformed(new RoleToVerify("arn:aws:iam::123456789012:role/partners/R", "ext-0123+=,.@:/-", "123456789012"));

    [GeneratedRegex(@"\d")]
    private static partial Regex Digits();
}
