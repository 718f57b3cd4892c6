namespace Onboarding.Api.Auth;

/// <summary>Who may call the API (section "Auth"). Keys are configured as SHA-256 hashes, never in plain text.</summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "Auth";

    public List<ApiKeyEntry> ApiKeys { get; set; } = [];

    /// <summary>Failed authentications allowed per client address in <see cref="FailureWindow"/>; then 429.</summary>
    public int MaxFailuresPerWindow { get; set; } = 10;

    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>One API key: a name for logs, its role, and the lowercase hex SHA-256 of the key.</summary>
public sealed class ApiKeyEntry
{
    public string Name { get; set; } = "";
    public string Role { get; set; } = "";
    public string Sha256 { get; set; } = "";
}
