using Microsoft.Extensions.Logging;
using Onboarding.Customers;
using Onboarding.Grains.Templates;

namespace Onboarding.Grains.Customers;

/// <summary>
/// The stable launch link. The customer gets the API's /launch/{token}, which lives as long as the
/// onboarding says (<see cref="OnboardingOptions.LaunchUrlLifetime"/>, renewable); every opening
/// presigns the template URL anew for a short time, so the credentials that sign it never have to
/// outlive the link (temporary credentials die in hours, long before a link handed out for days).
/// </summary>
public sealed partial class CustomerGrain
{
    public async Task<LaunchLinkAnswer> OpenLaunchLink(string secret)
    {
        var status = LaunchLinkRules.Decide(State, secret, clock.GetUtcNow());
        if (status != LaunchLinkStatus.Ready)
        {
            LogLaunchLinkRefused(AccountId, status);
            return LaunchLinkRules.Refusal(status, State);
        }

        using var budget = callOptions.Value.StartBudget();
        var (quickCreateUrl, tooLong) = await MintLaunchUrlAsync(budget.Token);
        if (tooLong is not null)
        {
            // Said once, when the link was issued (IssueLaunchUrlAsync); each opening only answers.
            LogLaunchLinkRefused(AccountId, LaunchLinkStatus.CannotLaunch);
            return LaunchLinkRules.CannotLaunch(tooLong.Length, tooLong.Limit);
        }
        return LaunchLinkAnswer.Ready(quickCreateUrl!);
    }

    /// <summary>
    /// Issues (or renews) the launch link: the same link for the whole attempt, working for
    /// <see cref="OnboardingOptions.LaunchUrlLifetime"/> from now. Checks once that it can open the
    /// console, and says so in one line when it cannot: otherwise the customer would find out first.
    /// </summary>
    private async Task IssueLaunchUrlAsync(CancellationToken cancellationToken)
    {
        State.CustomerLinkSecret ??= SecureTokens.CustomerLinkSecret();
        State.LaunchUrl = CustomerLinkRoutes.Launch(_options.PublicBaseUrl!, CustomerLinkToken.Format(AccountId, State.CustomerLinkSecret));
        State.LaunchUrlExpiresAt = clock.GetUtcNow() + _options.LaunchUrlLifetime;
        if ((await MintLaunchUrlAsync(cancellationToken)).TooLong is { } tooLong)
            LogLaunchLinkCannotLaunch(AccountId, tooLong.Length, tooLong.Limit);
    }

    /// <summary>The quick-create URL with a template URL presigned now, or why the console would refuse it.</summary>
    private async Task<(Uri? QuickCreateUrl, TemplateUrlTooLongException? TooLong)> MintLaunchUrlAsync(CancellationToken cancellationToken)
    {
        var presigned = await templates.PresignAsync(State.TemplateKey!, _options.TemplateUrlLifetime, cancellationToken);
        try
        {
            return (LaunchUrlBuilder.Build(State.Region, presigned.Url, StackName.ForCustomer(_options.StackNamePrefix, AccountId)), null);
        }
        catch (TemplateUrlTooLongException tooLong)
        {
            return (null, tooLong);
        }
    }

    [LoggerMessage(LogLevel.Warning,
        "The launch link of account {AccountId} cannot open CloudFormation: its presigned template URL is {Length} characters and the console accepts at most {Limit}. " +
        "The presigning credentials carry a session token (temporary credentials): set Templates:Presigning:Credentials to AccessKey with a long-term key pair (README: presigning).")]
    private partial void LogLaunchLinkCannotLaunch(string accountId, int length, int limit);

    [LoggerMessage(LogLevel.Debug, "A launch link of account {AccountId} was refused: {Status}")]
    private partial void LogLaunchLinkRefused(string accountId, LaunchLinkStatus status);
}
