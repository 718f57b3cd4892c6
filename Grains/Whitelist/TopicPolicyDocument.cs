using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Onboarding.Grains.Identifiers;

namespace Onboarding.Grains.Whitelist;

/// <summary>
/// An SNS topic access policy seen as two parts: statements this service owns (Sid starting with
/// <see cref="CustomerSidPrefix"/>, granting customer accounts <c>sns:Publish</c>) and everything
/// else, which is kept exactly as read. Immutable: <see cref="Apply"/> returns a new document.
/// </summary>
public sealed class TopicPolicyDocument
{
    /// <summary>Marks the statements this service writes and may rewrite.</summary>
    public const string CustomerSidPrefix = "OnboardingCustomers";

    private const string VersionKey = "Version";
    private const string IdKey = "Id";
    private const string StatementKey = "Statement";

    private readonly JsonNode? _id;

    private TopicPolicyDocument(
        string topicArn,
        string partition,
        JsonNode? id,
        IReadOnlyList<JsonNode> foreignStatements,
        IReadOnlyList<CustomerStatement> customerStatements)
    {
        TopicArn = topicArn;
        Partition = partition;
        _id = id;
        ForeignStatements = foreignStatements;
        CustomerStatements = customerStatements;
        CustomerAccounts = customerStatements.SelectMany(s => s.Accounts).ToImmutableSortedSet(StringComparer.Ordinal);
        Organizations = foreignStatements.Select(s => OrganizationStatement.TryRead(s, topicArn)).OfType<string>().ToImmutableSortedSet(StringComparer.Ordinal);
        Json = PolicyJson.Write(ToNode());
        SizeBytes = System.Text.Encoding.UTF8.GetByteCount(Json);
    }

    public string TopicArn { get; }

    /// <summary>The 12-digit ids of the customer accounts allowed to publish, sorted.</summary>
    public IReadOnlySet<string> CustomerAccounts { get; }

    /// <summary>The organizations whose every principal may publish (<see cref="OrganizationStatement"/>), sorted.</summary>
    public IReadOnlySet<string> Organizations { get; }

    public int StatementCount => ForeignStatements.Count + CustomerStatements.Count;

    /// <summary>The policy text (compact, deterministic) to hand to SNS.</summary>
    public string Json { get; }

    /// <summary>UTF-8 size of <see cref="Json"/>, the figure SNS compares with its 30 KB quota.</summary>
    public int SizeBytes { get; }

    internal string Partition { get; }

    internal IReadOnlyList<JsonNode> ForeignStatements { get; }

    internal IReadOnlyList<CustomerStatement> CustomerStatements { get; }

    internal IEnumerable<string> ForeignSids => ForeignStatements
        .Select(s => s is JsonObject o && o["Sid"] is JsonValue v && v.TryGetValue(out string? sid) ? sid : null)
        .OfType<string>();

    /// <summary>
    /// Reads the topic's current policy. Null or empty (a topic without a policy) gives an empty document.
    /// </summary>
    /// <exception cref="FormatException">The text is not a JSON policy document.</exception>
    /// <exception cref="ArgumentException"><paramref name="topicArn"/> is not an SNS topic ARN.</exception>
    public static TopicPolicyDocument Parse(string? policyJson, string topicArn)
    {
        var arn = AwsIdentifierPatterns.SnsTopicArn().Match(topicArn ?? "");
        if (!arn.Success)
        {
            throw new ArgumentException($"'{topicArn}' is not an SNS topic ARN.", nameof(topicArn));
        }

        var partition = arn.Groups["partition"].Value;
        if (string.IsNullOrWhiteSpace(policyJson))
        {
            return new TopicPolicyDocument(topicArn!, partition, null, [], []);
        }

        var root = ParseObject(policyJson);
        var foreign = new List<JsonNode>();
        var customer = new List<CustomerStatement>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var statement in Statements(root))
        {
            if (statement is JsonObject candidate && CustomerStatement.TryRead(candidate, topicArn!, partition) is { } ours)
            {
                Merge(customer, ours, seen);
            }
            else
            {
                foreign.Add(statement.DeepClone());
            }
        }

        return new TopicPolicyDocument(topicArn!, partition, root[IdKey]?.DeepClone(), foreign, customer);
    }

    /// <summary>
    /// Removes, then adds accounts (12-digit ids). Additions fill existing customer statements, then
    /// open new ones, and stop at the first limit: the result never exceeds <paramref name="limits"/>
    /// because of an addition; accounts that did not fit are reported in <see cref="PolicyEdit.Rejected"/>.
    /// </summary>
    public PolicyEdit Apply(IReadOnlyCollection<string> add, IReadOnlyCollection<string> remove, TopicPolicyLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var toAdd = Normalize(add, nameof(add));
        var toRemove = Normalize(remove, nameof(remove));

        var packing = new PolicyPacking(this);
        var removed = new List<string>();
        var notPresent = new List<string>();
        foreach (var account in toRemove)
        {
            (packing.Remove(account) ? removed : notPresent).Add(account);
        }

        if (removed.Count > 0)
        {
            packing.ResetSize(With(packing.ToStatements()).SizeBytes);
        }

        var added = new List<string>();
        var alreadyPresent = new List<string>();
        var rejected = new List<string>();
        foreach (var account in toAdd)
        {
            if (packing.Contains(account))
            {
                alreadyPresent.Add(account);
            }
            else
            {
                (packing.TryAdd(account, limits) ? added : rejected).Add(account);
            }
        }

        var document = added.Count + removed.Count > 0 ? With(packing.ToStatements()) : this;
        if (document.SizeBytes != packing.SizeBytes)
        {
            // The incremental size must match the real text, or the limit guarantee would be void.
            throw new InvalidOperationException($"Policy size drifted: computed {packing.SizeBytes}, actual {document.SizeBytes} bytes.");
        }

        return new PolicyEdit(document, document.Json, added, alreadyPresent, removed, notPresent, rejected);
    }

    /// <summary>
    /// The document with one statement per organization of <paramref name="add"/> and none for those of
    /// <paramref name="remove"/> (kept among the statements this service does not pack); <c>Changed</c> when it differs.
    /// </summary>
    public (TopicPolicyDocument Document, bool Changed) WithOrganizations(IReadOnlyCollection<string> add, IReadOnlyCollection<string> remove)
    {
        var removing = remove.Where(Organizations.Contains).ToHashSet(StringComparer.Ordinal);
        var adding = add.Where(o => !Organizations.Contains(o) && !removing.Contains(o)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (removing.Count == 0 && adding.Count == 0) return (this, false);
        IReadOnlyList<JsonNode> foreign =
        [
            .. ForeignStatements.Where(s => OrganizationStatement.TryRead(s, TopicArn) is not { } organization || !removing.Contains(organization)),
            .. adding.Select(o => (JsonNode)OrganizationStatement.ToJson(o, TopicArn)),
        ];
        return (new TopicPolicyDocument(TopicArn, Partition, _id?.DeepClone(), foreign, CustomerStatements), true);
    }

    /// <summary>How many more customer accounts fit under <paramref name="limits"/>.</summary>
    public int RemainingCapacity(TopicPolicyLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var packing = new PolicyPacking(this);
        var count = 0;
        foreach (var account in SyntheticAccounts())
        {
            if (!packing.TryAdd(account, limits))
            {
                return count;
            }

            count++;
        }

        return count;
    }

    /// <summary>True when not one more customer account fits: time to open another topic.</summary>
    public bool IsFull(TopicPolicyLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return !new PolicyPacking(this).TryAdd(SyntheticAccounts().First(), limits);
    }

    private TopicPolicyDocument With(IReadOnlyList<CustomerStatement> statements) =>
        new(TopicArn, Partition, _id?.DeepClone(), ForeignStatements, statements);

    private JsonObject ToNode()
    {
        var node = new JsonObject { [VersionKey] = IamPolicyVersions.Current };
        if (_id is not null)
        {
            node[IdKey] = _id.DeepClone();
        }

        node[StatementKey] = new JsonArray(
        [
            .. ForeignStatements.Select(s => s.DeepClone()),
            .. CustomerStatements.Select(s => (JsonNode)s.ToJson(TopicArn, Partition)),
        ]);
        return node;
    }

    // Every account id has the same size, so any ids not yet present measure capacity exactly.
    private IEnumerable<string> SyntheticAccounts()
    {
        const long accountIdSpace = 1_000_000_000_000;
        for (long n = 0; n < accountIdSpace; n++)
        {
            var account = n.ToString("D12", System.Globalization.CultureInfo.InvariantCulture);
            if (!CustomerAccounts.Contains(account))
            {
                yield return account;
            }
        }
    }

    private static JsonObject ParseObject(string policyJson)
    {
        try
        {
            // Duplicate keys would otherwise surface later, lazily, as an ArgumentException.
            return JsonNode.Parse(policyJson, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) as JsonObject
                   ?? throw new FormatException("The topic policy is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"The topic policy is not valid JSON: {e.Message}", e);
        }
    }

    // IAM allows a single statement object in place of an array.
    private static IEnumerable<JsonNode> Statements(JsonObject root) => root[StatementKey] switch
    {
        null => [],
        JsonArray array => array.Select(s => s ?? throw new FormatException("The topic policy has a null statement.")),
        JsonObject single => [single],
        _ => throw new FormatException("The topic policy's Statement is neither an object nor an array."),
    };

    // One account appears once; a repeated Sid (never written by us) is folded into the first.
    private static void Merge(List<CustomerStatement> statements, CustomerStatement incoming, HashSet<string> seen)
    {
        var fresh = incoming.Accounts.Where(seen.Add).ToImmutableSortedSet(StringComparer.Ordinal);
        var index = statements.FindIndex(s => s.Sid == incoming.Sid);
        if (index >= 0)
        {
            statements[index] = statements[index] with { Accounts = statements[index].Accounts.Union(fresh) };
        }
        else if (fresh.Count > 0)
        {
            statements.Add(incoming with { Accounts = fresh });
        }
    }

    private static IReadOnlyList<string> Normalize(IReadOnlyCollection<string> accounts, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(accounts, parameterName);
        foreach (var account in accounts)
        {
            if (!AccountIds.IsValid(account))
            {
                throw new ArgumentException($"'{account}' is not a 12-digit AWS account id.", parameterName);
            }
        }

        return [.. accounts.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }
}
