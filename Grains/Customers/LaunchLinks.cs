using Microsoft.Extensions.Options;
using Onboarding.Grains.Ports;
using Onboarding.Grains.Templates;

namespace Onboarding.Grains.Customers;

/// <summary>
/// The quick-create URL behind a customer's stable launch link, minted at each opening: the template URL is presigned
/// anew for a short time, so the credentials that sign it never have to outlive the link (temporary credentials die in
/// hours, long before a link handed out for days).
/// </summary>
public sealed class LaunchLinks(ITemplateStore templates, IOptions<OnboardingOptions> options)
{
    /// <summary>The quick-create URL with a template URL presigned now, or why the console would refuse it.</summary>
    public async Task<(Uri? QuickCreateUrl, TemplateUrlTooLongException? TooLong)> MintAsync(CustomerState state, CancellationToken cancellationToken)
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
}
