using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Onboarding.CustomerSimulation.LocalAws;

/// <summary>
/// The STS stand-in's role registry (its admin API under <c>/_local/iam/roles</c>, not an AWS API):
/// create, replace, read and delete the roles AssumeRole is decided against.
/// </summary>
public sealed partial class LocalIamClient(Uri stsUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = stsUrl };

    /// <summary>Creates the role or replaces it whole; <paramref name="trustPolicyJson"/> is kept exactly as given.</summary>
    /// <param name="notAssumableUntil">Until then STS denies the role, as IAM does while a new role propagates.</param>
    public Task PutRoleAsync(string roleArn, string trustPolicyJson, int? maxSessionDuration = null, DateTimeOffset? notAssumableUntil = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, RolePath(roleArn), new { trustPolicy = trustPolicyJson, maxSessionDuration, notAssumableUntil }, cancellationToken);

    /// <summary>Replaces the role's trust policy (IAM's UpdateAssumeRolePolicy); fails if there is no such role.</summary>
    public Task SetTrustPolicyAsync(string roleArn, string trustPolicyJson, DateTimeOffset? notAssumableUntil = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, RolePath(roleArn) + "/trust-policy", new { trustPolicy = trustPolicyJson, notAssumableUntil }, cancellationToken);

    /// <summary>Deletes the role; false if there was none.</summary>
    public async Task<bool> DeleteRoleAsync(string roleArn, CancellationToken cancellationToken = default)
    {
        using var response = await _http.DeleteAsync(RolePath(roleArn), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        await EnsureSuccessAsync(response, cancellationToken);
        return true;
    }

    /// <summary>The role as the registry holds it (arn, roleId, trustPolicy, maxSessionDuration, notAssumableUntil), or null.</summary>
    public async Task<JsonElement?> GetRoleAsync(string roleArn, CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync(RolePath(roleArn), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private async Task SendAsync(HttpMethod method, string path, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        using var response = await _http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"The role registry answered {(int)response.StatusCode} to {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    // Paths in role ARNs are ignored: the registry knows a role by account and name, as IAM's name uniqueness does.
    private static string RolePath(string roleArn)
    {
        var match = RoleArnPattern().Match(roleArn);
        if (!match.Success) throw new ArgumentException($"'{roleArn}' is not an IAM role ARN.", nameof(roleArn));
        return $"/_local/iam/roles/{match.Groups["account"].Value}/{Uri.EscapeDataString(match.Groups["name"].Value)}";
    }

    [GeneratedRegex(@"^arn:[a-z-]+:iam::(?<account>\d{12}):role/(?:.*/)?(?<name>[\w+=,.@-]{1,64})$")]
    private static partial Regex RoleArnPattern();
}
