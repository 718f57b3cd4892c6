using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Onboarding.Customers;
using Onboarding.Grains.Ports;
using Onboarding.Grains.Templates;

namespace Onboarding.Grains.Customers;

/// <summary>
/// The quick-create URL behind a customer's stable launch link, minted at each opening: the template URL is presigned
/// anew for a short time, so the credentials that sign it never have to outlive the link (temporary credentials die in
/// hours, long before a link handed out for days).
/// </summary>
public sealed partial class LaunchLinks(ITemplateStore templates, IOptions<OnboardingOptions> options, ILogger<LaunchLinks> logger)
{
    /// <summary>Where an opening of the link leads: the console, or a refusal in words for the link's holder.</summary>
    public async Task<LaunchLinkAnswer> OpenAsync(CustomerState state, string secret, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var status = LaunchLinkRules.Decide(state, secret, now);
        if (status != LaunchLinkStatus.Ready)
        {
            LogRefused(state.AccountId, status);
            return LaunchLinkRules.Refusal(status, state);
        }
        var (quickCreateUrl, tooLong) = await MintAsync(state, cancellationToken);
        if (tooLong is null) return LaunchLinkAnswer.Ready(quickCreateUrl!);
        // Said once, when the template went out (CheckAsync); each opening only answers.
        LogRefused(state.AccountId, LaunchLinkStatus.CannotLaunch);
        return LaunchLinkRules.CannotLaunch(tooLong.Length, tooLong.Limit);
    }

    /// <summary>Where an opening of the update link leads: the console's update-stack page for the customer's stack, or a refusal.</summary>
    public async Task<LaunchLinkAnswer> OpenUpdateAsync(CustomerState state, string secret, CancellationToken cancellationToken)
    {
        var status = LaunchLinkRules.DecideUpdate(state, secret);
        if (status != LaunchLinkStatus.Ready)
        {
            LogRefused(state.AccountId, status);
            return status == LaunchLinkStatus.Unknown ? LaunchLinkAnswer.Unknown : LaunchLinkRules.UpdateRefusal(state);
        }
        var presigned = await templates.PresignAsync(state.TemplateKey!, options.Value.TemplateUrlLifetime, cancellationToken);
        try
        {
            return LaunchLinkAnswer.Ready(LaunchUrlBuilder.BuildUpdate(state.Region, presigned.Url, state.StackId!));
        }
        catch (TemplateUrlTooLongException tooLong)
        {
            LogRefused(state.AccountId, LaunchLinkStatus.CannotLaunch);
            return LaunchLinkRules.CannotLaunch(tooLong.Length, tooLong.Limit);
        }
    }

    /// <summary>Checks once, when the template is out, that the link can open the console: otherwise the customer would find out first.</summary>
    public async Task CheckAsync(CustomerState state, CancellationToken cancellationToken)
    {
        if ((await MintAsync(state, cancellationToken)).TooLong is { } tooLong)
            LogCannotLaunch(state.AccountId, tooLong.Length, tooLong.Limit);
    }

    private async Task<(Uri? QuickCreateUrl, TemplateUrlTooLongException? TooLong)> MintAsync(CustomerState state, CancellationToken cancellationToken)
    {
        var onboarding = options.Value;
        var presigned = await templates.PresignAsync(state.TemplateKey!, onboarding.TemplateUrlLifetime, cancellationToken);
        try
        {
            return (LaunchUrlBuilder.Build(state.Region, presigned.Url, StackName.ForCustomer(onboarding.StackNamePrefix, state.AccountId)), null);
        }
        catch (TemplateUrlTooLongException tooLong)
        {
            return (null, tooLong);
        }
    }

    [LoggerMessage(LogLevel.Warning,
        "The launch link of account {AccountId} cannot open CloudFormation: its presigned template URL is {Length} characters and the console accepts at most {Limit}. " +
        "The presigning credentials carry a session token (temporary credentials): set Templates:Presigning:Credentials to AccessKey with a long-term key pair (README: presigning).")]
    private partial void LogCannotLaunch(string accountId, int length, int limit);

    [LoggerMessage(LogLevel.Debug, "A launch link of account {AccountId} was refused: {Status}")]
    private partial void LogRefused(string accountId, LaunchLinkStatus status);
}
