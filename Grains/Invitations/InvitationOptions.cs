using Microsoft.Extensions.Options;

namespace Onboarding.Grains.Invitations;

/// <summary>How invitations work (section "Invitations").</summary>
public sealed class InvitationOptions
{
    public const string SectionName = "Invitations";

    /// <summary>How long an invitation can be used once created.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>Fails start-up with one message per wrong "Invitations" setting.</summary>
public sealed class InvitationOptionsValidator : IValidateOptions<InvitationOptions>
{
    /// <summary>An invitation is a capability: its life stays bounded.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(30);

    public ValidateOptionsResult Validate(string? name, InvitationOptions options) =>
        options.Lifetime < TimeSpan.FromMinutes(5) || options.Lifetime > MaxLifetime
            ? ValidateOptionsResult.Fail($"{InvitationOptions.SectionName}:Lifetime must be between 5 minutes and 30 days (got {options.Lifetime}).")
            : ValidateOptionsResult.Success;
}
