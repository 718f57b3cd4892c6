using System.Net;

namespace Onboarding.CustomerSimulation.LocalAws;

/// <summary>
/// The stand-in's organization registry (its admin API under <c>/_local/organizations</c> on the fauxqs port, not an AWS
/// API): which organization an account is in, read by the SNS publish gate as <c>aws:PrincipalOrgID</c>.
/// </summary>
public sealed class LocalOrganizationsClient(Uri awsUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = awsUrl };

    /// <summary>The account joins the organization (AWS Organizations' invitation accepted, or an account created in it).</summary>
    public async Task JoinAsync(string organizationId, string accountId, CancellationToken cancellationToken = default)
    {
        using var response = await _http.PutAsync(PathOf(organizationId, accountId), content: null, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>The account leaves the organization; false if it was not in it.</summary>
    public async Task<bool> LeaveAsync(string organizationId, string accountId, CancellationToken cancellationToken = default)
    {
        using var response = await _http.DeleteAsync(PathOf(organizationId, accountId), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        await EnsureSuccessAsync(response, cancellationToken);
        return true;
    }

    public void Dispose() => _http.Dispose();

    private static string PathOf(string organizationId, string accountId) =>
        $"/_local/organizations/{Uri.EscapeDataString(organizationId)}/accounts/{Uri.EscapeDataString(accountId)}";

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException(
                $"The organization registry answered {(int)response.StatusCode} to {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }
}
