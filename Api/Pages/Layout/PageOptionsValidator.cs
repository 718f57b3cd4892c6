using System.Net;
using System.Net.Mail;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Onboarding.Api.Pages.Layout;

/// <summary>Fails start-up with one message per wrong "Pages" setting.</summary>
public sealed partial class PageOptionsValidator : IValidateOptions<PageOptions>
{
    public const int MaxPartnerNameLength = 100;

    public ValidateOptionsResult Validate(string? name, PageOptions options)
    {
        var failures = new List<string>();
        if (options.PartnerName is { } partner && (partner.Length > MaxPartnerNameLength || partner.Any(char.IsControl)))
            failures.Add($"Pages:PartnerName must be at most {MaxPartnerNameLength} characters, without control characters.");
        if (options.LogoUrl is { } logo && !IsSecureOrLoopback(logo))
            failures.Add($"Pages:LogoUrl must be an absolute https URL (plain http only on loopback) (got '{logo}').");
        if (options.SupportContact is { Length: > 0 } contact && !IsEmail(contact) && !(Uri.TryCreate(contact, UriKind.Absolute, out var url) && IsSecureOrLoopback(url)))
            failures.Add($"Pages:SupportContact must be an e-mail address or an https URL (got '{contact}').");
        if (!Colour().IsMatch(options.AccentColour ?? ""))
            failures.Add($"Pages:AccentColour must be a colour such as #1d4ed8 (got '{options.AccentColour}').");
        if (options.StatusPollInterval < TimeSpan.FromMilliseconds(500) || options.StatusPollInterval > TimeSpan.FromMinutes(1))
            failures.Add($"Pages:StatusPollInterval must be between 0.5 seconds and 1 minute (got {options.StatusPollInterval}).");
        if (options.StatusRequestsPerWindow < 1)
            failures.Add($"Pages:StatusRequestsPerWindow must be at least 1 (got {options.StatusRequestsPerWindow}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static bool IsEmail(string contact) =>
        !contact.Contains(':') && MailAddress.TryCreate(contact, out var address) && address.Address == contact;

    private static bool IsSecureOrLoopback(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp && (url.IsLoopback || IPAddress.TryParse(url.Host, out var ip) && IPAddress.IsLoopback(ip)));

    [GeneratedRegex("^#[0-9a-fA-F]{6}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Colour();
}
