using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Onboarding.Api.Auth;

/// <summary>Fails start-up with one message per wrong "Auth" setting.</summary>
public sealed partial class ApiKeyOptionsValidator : IValidateOptions<ApiKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        var failures = new List<string>();
        var section = ApiKeyOptions.SectionName;
        if (options.ApiKeys.Count == 0)
            failures.Add($"{section}:ApiKeys must list at least one key (name, role, sha256).");
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            if (string.IsNullOrWhiteSpace(key.Name))
                failures.Add($"{section}:ApiKeys:{i}:Name must not be empty.");
            if (!ApiRoles.All.Contains(key.Role))
                failures.Add($"{section}:ApiKeys:{i}:Role must be one of {string.Join(", ", ApiRoles.All)} (got '{key.Role}').");
            if (!Sha256Hex().IsMatch(key.Sha256))
                failures.Add($"{section}:ApiKeys:{i}:Sha256 must be the key's SHA-256 as 64 hex digits (e.g. printf %s \"$KEY\" | sha256sum).");
        }
        if (options.ApiKeys.Select(k => k.Sha256.ToLowerInvariant()).Distinct().Count() != options.ApiKeys.Count)
            failures.Add($"{section}:ApiKeys has the same key twice.");
        if (options.MaxFailuresPerWindow < 1)
            failures.Add($"{section}:MaxFailuresPerWindow must be at least 1 (got {options.MaxFailuresPerWindow}).");
        if (options.FailureWindow <= TimeSpan.Zero)
            failures.Add($"{section}:FailureWindow must be positive (got {options.FailureWindow}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex Sha256Hex();
}
