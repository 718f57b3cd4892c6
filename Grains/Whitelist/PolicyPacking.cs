using System.Globalization;
using System.Text.Json.Nodes;

namespace Onboarding.Grains.Whitelist;

/// <summary>
/// A mutable working copy of the customer statements that places accounts one at a time and keeps
/// the exact serialized size up to date, so no placement can push the policy over a limit.
/// </summary>
internal sealed class PolicyPacking
{
    private const int StatementSeparatorBytes = 1; // the ',' between two array elements
    private const int FirstSidNumber = 1;

    private readonly List<(string Sid, SortedSet<string> Accounts)> _statements;
    private readonly HashSet<string> _foreignSids;
    private readonly int _foreignStatements;
    private readonly string _topicArn;
    private readonly string _partition;

    public PolicyPacking(TopicPolicyDocument document)
    {
        _topicArn = document.TopicArn;
        _partition = document.Partition;
        _foreignStatements = document.ForeignStatements.Count;
        _statements = [.. document.CustomerStatements.Select(s => (s.Sid, new SortedSet<string>(s.Accounts, StringComparer.Ordinal)))];
        _foreignSids = [.. document.ForeignSids];
        SizeBytes = document.SizeBytes;
        AccountCount = document.CustomerAccounts.Count;
    }

    public int SizeBytes { get; private set; }

    public int AccountCount { get; private set; }

    public bool Contains(string account) => _statements.Any(s => s.Accounts.Contains(account));

    /// <summary>Removes the account; empty statements disappear. Size is recomputed by the caller.</summary>
    public bool Remove(string account)
    {
        var index = _statements.FindIndex(s => s.Accounts.Contains(account));
        if (index < 0)
        {
            return false;
        }

        _statements[index].Accounts.Remove(account);
        if (_statements[index].Accounts.Count == 0)
        {
            _statements.RemoveAt(index);
        }

        AccountCount--;
        return true;
    }

    public void ResetSize(int sizeBytes) => SizeBytes = sizeBytes;

    /// <summary>Places a new account if every limit still holds afterwards.</summary>
    public bool TryAdd(string account, TopicPolicyLimits limits)
    {
        if (limits.MaxCustomerAccounts is { } cap && AccountCount >= cap)
        {
            return false;
        }

        // Filling a statement with room is always cheaper than opening one: if that does not fit, nothing does.
        var withRoom = _statements.FindIndex(s => s.Accounts.Count < limits.MaxPrincipalsPerStatement);
        if (withRoom >= 0)
        {
            var cost = PrincipalBytes(account) + StatementSeparatorBytes;
            if (SizeBytes + cost > limits.MaxPolicyBytes)
            {
                return false;
            }

            _statements[withRoom].Accounts.Add(account);
            Commit(cost);
            return true;
        }

        var statementCount = _foreignStatements + _statements.Count;
        if (statementCount >= limits.MaxStatements)
        {
            return false;
        }

        var sid = FreshSid();
        var accounts = new SortedSet<string>(StringComparer.Ordinal) { account };
        var statementCost = PolicyJson.ByteCount(new CustomerStatement(sid, [.. accounts]).ToJson(_topicArn, _partition))
                            + (statementCount > 0 ? StatementSeparatorBytes : 0);
        if (SizeBytes + statementCost > limits.MaxPolicyBytes)
        {
            return false;
        }

        _statements.Add((sid, accounts));
        Commit(statementCost);
        return true;
    }

    public IReadOnlyList<CustomerStatement> ToStatements() =>
        [.. _statements.Select(s => new CustomerStatement(s.Sid, CustomerStatement.NoAccounts.Union(s.Accounts)))];

    private void Commit(int costBytes)
    {
        SizeBytes += costBytes;
        AccountCount++;
    }

    private int PrincipalBytes(string account) =>
        PolicyJson.ByteCount(JsonValue.Create(CustomerStatement.RootArn(_partition, account)));

    // The lowest free number keeps Sids stable and short; foreign Sids are never reused.
    private string FreshSid()
    {
        for (var number = FirstSidNumber; ; number++)
        {
            var sid = TopicPolicyDocument.CustomerSidPrefix + number.ToString(CultureInfo.InvariantCulture);
            if (!_foreignSids.Contains(sid) && !_statements.Any(s => s.Sid == sid))
            {
                return sid;
            }
        }
    }
}
