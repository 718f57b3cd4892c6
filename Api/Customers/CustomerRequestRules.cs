using System.Globalization;
using Onboarding.Customers;
using Onboarding.Identifiers;
using Onboarding.Identity;
using Onboarding.Queries;

namespace Onboarding.Api.Customers;

/// <summary>
/// The API's input rules; each broken rule becomes one message naming the field. Which regions are
/// allowed is the silo's decision (it answers a refusal); the API rejects what cannot be a region at all.
/// The shapes of account ids and region names are the shared rules of Onboarding.Identifiers, so the API
/// and the grains never disagree on them.
/// </summary>
public static class CustomerRequestRules
{
    public static string? CheckAccountId(string? accountId) => AccountIds.Check("accountId", accountId);

    public static Dictionary<string, string[]> Check(StartOnboardingRequest request, ApiOptions options)
    {
        var errors = new Dictionary<string, string[]>();
        if (CheckAccountId(request.AccountId) is { } accountError) errors["accountId"] = [accountError];
        if (request.Region is { } region && RegionNames.Check("region", region) is { } regionError)
            errors["region"] = [regionError];
        if (request.Reference is { } reference && CheckReference(reference, options) is { } referenceError)
            errors["reference"] = [referenceError];
        return errors;
    }

    /// <summary>Why a partner's reference is refused; null when it is acceptable.</summary>
    public static string? CheckReference(string reference, ApiOptions options) =>
        reference.Length > options.MaxReferenceLength ? $"reference must be at most {options.MaxReferenceLength} characters (got {reference.Length})."
        : reference.Any(char.IsControl) ? "reference must not contain control characters."
        : null;

    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    /// <summary>
    /// The rules of GET /customers: a state to list (not None, by name) and a page size of 1–500. Both
    /// arrive as text, so a value that is no number at all is a 400 naming its parameter like any other.
    /// roleHealth=Degraded and outdated=true narrow the Active customers (one of them at a time).
    /// </summary>
    public static Dictionary<string, string[]> CheckListQuery(
        string? state, string? limit, string? roleHealth, string? outdated, out OnboardingState parsedState, out int parsedLimit, out CustomerFilter filter)
    {
        var errors = new Dictionary<string, string[]>();
        filter = CustomerFilter.All;
        if (outdated is not null)
        {
            // Only the outdated are worth a list of their own; like a degraded role, it is a property of Active customers.
            if (!string.Equals(outdated, "true", StringComparison.OrdinalIgnoreCase))
                errors["outdated"] = [$"outdated must be true (got '{Truncate(outdated)}')."];
            else if (roleHealth is not null)
                errors["outdated"] = ["outdated and roleHealth cannot be combined; ask for one list at a time."];
            else if (state is not null && !string.Equals(state, nameof(OnboardingState.Active), StringComparison.OrdinalIgnoreCase))
                errors["outdated"] = [$"outdated applies to Active customers; leave state out or set it to Active (got '{Truncate(state)}')."];
            filter = CustomerFilter.Outdated;
            state ??= nameof(OnboardingState.Active);
        }
        if (roleHealth is not null)
        {
            // Only a degraded role is worth a list of its own; it is a property of Active customers.
            if (!string.Equals(roleHealth, nameof(RoleHealth.Degraded), StringComparison.OrdinalIgnoreCase))
                errors["roleHealth"] = [$"roleHealth must be {nameof(RoleHealth.Degraded)} (got '{Truncate(roleHealth)}')."];
            else if (state is not null && !string.Equals(state, nameof(OnboardingState.Active), StringComparison.OrdinalIgnoreCase))
                errors["roleHealth"] = [$"roleHealth applies to Active customers; leave state out or set it to Active (got '{Truncate(state)}')."];
            if (outdated is null) filter = CustomerFilter.RoleDegraded;
            state ??= nameof(OnboardingState.Active);
        }
        var listable = Enum.GetValues<OnboardingState>().Where(s => s != OnboardingState.None).ToList();
        // Names only: Enum.TryParse would also take numbers ("2") and combinations ("Pending,Templated").
        parsedState = listable.FirstOrDefault(s => string.Equals(s.ToString(), state, StringComparison.OrdinalIgnoreCase));
        if (parsedState == OnboardingState.None)
            errors["state"] = [$"state is required and must be one of: {string.Join(", ", listable)}."];
        parsedLimit = CheckLimit(limit, errors);
        return errors;
    }

    /// <summary>
    /// The rules of GET /customers?reference=…: a reference a start would accept, on its own (it looks through every
    /// state and answers one page, so no state, filter or cursor), and a page size of 1–500.
    /// </summary>
    public static Dictionary<string, string[]> CheckReferenceQuery(
        string reference, string? state, string? limit, string? roleHealth, string? cursor, ApiOptions options, out int parsedLimit)
    {
        var errors = new Dictionary<string, string[]>();
        if (reference.Length == 0) errors["reference"] = ["reference must not be empty."];
        else if (CheckReference(reference, options) is { } referenceError) errors["reference"] = [referenceError];
        foreach (var (name, value) in new[] { ("state", state), ("roleHealth", roleHealth), ("cursor", cursor) })
        {
            if (value is not null)
                errors[name] = [$"{name} cannot be combined with reference: a search by reference looks through every state and answers one page."];
        }
        parsedLimit = CheckLimit(limit, errors);
        return errors;
    }

    private static int CheckLimit(string? limit, Dictionary<string, string[]> errors)
    {
        var parsed = DefaultPageSize;
        if (!string.IsNullOrEmpty(limit) && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out parsed) || parsed is < 1 or > MaxPageSize))
            errors["limit"] = [$"limit must be a whole number between 1 and {MaxPageSize} (got '{Truncate(limit)}')."];
        return parsed;
    }

    private const int MaxEchoedLength = 32;

    private static string Truncate(string value) => value.Length <= MaxEchoedLength ? value : value[..MaxEchoedLength] + "…";
}
