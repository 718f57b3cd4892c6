namespace Onboarding.Identifiers;

/// <summary>
/// The one rule for an AWS account id: exactly 12 ASCII digits. The API and the grains both check it,
/// so it lives here, where both can see it.
/// </summary>
public static class AccountIds
{
    public const int Length = 12;

    public static bool IsValid(string? value) =>
        value is { Length: Length } && value.All(char.IsAsciiDigit);

    /// <summary>Why <paramref name="value"/> is refused, naming <paramref name="field"/>; null when it is valid.</summary>
    public static string? Check(string field, string? value) =>
        IsValid(value) ? null : $"{field} must be exactly {Length} digits (got {Describe(value)}).";

    // The length only: an echoed wrong id could be someone else's account.
    private static string Describe(string? value) => value switch
    {
        null => "nothing",
        "" => "an empty string",
        _ => $"{value.Length} characters",
    };
}
