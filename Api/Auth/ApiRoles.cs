namespace Onboarding.Api.Auth;

/// <summary>The roles API keys carry, and the authorization policies built on them.</summary>
public static class ApiRoles
{
    /// <summary>The partner's sign-up flow: start onboardings, read a customer, refresh a launch URL.</summary>
    public const string Partner = "partner";

    /// <summary>The partner's operators: everything, including lists, stats, off-boarding and the dashboard.</summary>
    public const string Operator = "operator";

    public static readonly IReadOnlyList<string> All = [Partner, Operator];

    /// <summary>Policy for partner endpoints: operators may use them too.</summary>
    public const string PartnerPolicy = "partner-or-operator";

    public const string OperatorPolicy = "operator-only";
}
