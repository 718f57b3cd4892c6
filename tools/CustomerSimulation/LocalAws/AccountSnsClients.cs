using Microsoft.Extensions.Options;
using Onboarding.Silo.Aws.Sns;

namespace Onboarding.CustomerSimulation.LocalAws;

/// <summary>
/// SNS clients (the project's own) that sign as a given account's user on the stand-ins
/// (<see cref="LocalAwsAccounts.ForAccount"/>), one per account, made on first use.
/// </summary>
public sealed class AccountSnsClients(Uri snsUrl) : IDisposable
{
    private readonly Dictionary<string, SnsClient> _clients = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public ISnsClient For(string accountId)
    {
        lock (_lock)
        {
            if (!_clients.TryGetValue(accountId, out var client))
            {
                client = new SnsClient(LocalAwsAccounts.ForAccount(accountId), Options.Create(new SnsClientOptions { ServiceUrl = snsUrl }));
                _clients[accountId] = client;
            }
            return client;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var client in _clients.Values) client.Dispose();
            _clients.Clear();
        }
    }
}
