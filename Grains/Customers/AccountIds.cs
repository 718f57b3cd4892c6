namespace Onboarding.Grains.Customers;

/// <summary>The one rule for an AWS account id: exactly 12 ASCII digits.</summary>
public static class AccountIds
{
    public const int Length = 12;

    public static bool IsValid(string? value) =>
        value is { Length: Length } && value.All(char.IsAsciiDigit);
}
