using System.Text;
using System.Text.Json.Nodes;
using Onboarding.Grains.Whitelist;

namespace Onboarding.Tests.Unit.Whitelist;

public sealed class TopicPolicyDocumentTests
{
    private const string Topic = "arn:aws:sns:eu-west-1:444455556666:onboarding-1";
    private const string A = "111111111111";
    private const string B = "222222222222";
    private const string C = "333333333333";

    // What SNS puts on a new topic (trimmed to one action for brevity: the shape is what matters).
    private const string AwsDefaultPolicy = """
        {"Version":"2008-10-17","Id":"__default_policy_ID","Statement":[{"Sid":"__default_statement_ID","Effect":"Allow",
        "Principal":{"AWS":"*"},"Action":["SNS:GetTopicAttributes","SNS:Publish"],"Resource":"arn:aws:sns:eu-west-1:444455556666:onboarding-1",
        "Condition":{"StringEquals":{"AWS:SourceOwner":"444455556666"}}}]}
        """;

    private static readonly string[] None = [];

    private static TopicPolicyDocument Empty() => TopicPolicyDocument.Parse(null, Topic);

    private static JsonArray StatementsOf(string json) => JsonNode.Parse(json)!["Statement"]!.AsArray();

    private static IEnumerable<JsonObject> CustomerStatementsOf(string json) => StatementsOf(json)
        .Select(s => s!.AsObject())
        .Where(s => s["Sid"]!.GetValue<string>().StartsWith(TopicPolicyDocument.CustomerSidPrefix, StringComparison.Ordinal));

    private static IEnumerable<string> Accounts(int count, int start = 100_000_000) =>
        Enumerable.Range(start, count).Select(n => n.ToString("D12", System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_policy_is_an_empty_document(string? json)
    {
        var document = TopicPolicyDocument.Parse(json, Topic);

        Assert.Empty(document.CustomerAccounts);
        Assert.Equal(0, document.StatementCount);
        Assert.Empty(StatementsOf(document.Json));
    }

    [Fact]
    public void Aws_default_policy_has_no_customers_and_is_kept()
    {
        var document = TopicPolicyDocument.Parse(AwsDefaultPolicy, Topic);

        Assert.Empty(document.CustomerAccounts);
        Assert.Equal(1, document.StatementCount);
        Assert.True(JsonNode.DeepEquals(StatementsOf(AwsDefaultPolicy)[0], StatementsOf(document.Json)[0]));
        Assert.Equal("__default_policy_ID", JsonNode.Parse(document.Json)!["Id"]!.GetValue<string>());
        Assert.Equal("2012-10-17", JsonNode.Parse(document.Json)!["Version"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("\"111111111111\"")]
    [InlineData("\"arn:aws:iam::111111111111:root\"")]
    [InlineData("[\"111111111111\"]")]
    [InlineData("[\"arn:aws:iam::111111111111:root\",\"222222222222\"]")]
    public void Customer_principals_are_read_in_every_form(string principal)
    {
        var json = $$"""
            {"Version":"2012-10-17","Statement":{"Sid":"OnboardingCustomers1","Effect":"Allow","Principal":{"AWS":{{principal}}},
            "Action":"sns:Publish","Resource":"{{Topic}}"} }
            """;

        var document = TopicPolicyDocument.Parse(json, Topic);

        Assert.Contains(A, document.CustomerAccounts);
        Assert.Equal(principal.Contains(B, StringComparison.Ordinal) ? 2 : 1, document.CustomerAccounts.Count);
        var emitted = Assert.Single(CustomerStatementsOf(document.Json));
        Assert.All(emitted["Principal"]!["AWS"]!.AsArray(), p => Assert.Matches(@"^arn:aws:iam::\d{12}:root$", p!.GetValue<string>()));
    }

    [Fact]
    public void Statement_with_our_prefix_but_another_shape_is_foreign()
    {
        var json = $$"""
            {"Statement":[{"Sid":"OnboardingCustomers1","Effect":"Deny","Principal":{"AWS":"111111111111"},"Action":"sns:Publish","Resource":"{{Topic}}"}]}
            """;

        var document = TopicPolicyDocument.Parse(json, Topic);
        var edit = document.Apply([B], None, TopicPolicyLimits.Sns);

        Assert.Empty(document.CustomerAccounts);
        var statements = StatementsOf(edit.PolicyJson);
        Assert.True(JsonNode.DeepEquals(StatementsOf(json)[0], statements[0]));
        Assert.Equal("OnboardingCustomers2", statements[1]!["Sid"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("""{"Statement":"oops"}""")]
    [InlineData("""{"Statement":[],"Statement":[]}""")]
    public void Malformed_policy_throws_format_exception(string json)
    {
        var error = Assert.Throws<FormatException>(() => TopicPolicyDocument.Parse(json, Topic));

        Assert.Contains("topic policy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_topic_arn_throws_naming_it()
    {
        Assert.Equal("topicArn", Assert.ThrowsAny<ArgumentException>(() => TopicPolicyDocument.Parse(null, "arn:aws:sqs:eu-west-1:444455556666:q")).ParamName);
    }

    [Fact]
    public void Adding_keeps_foreign_statements_identical()
    {
        var document = TopicPolicyDocument.Parse(AwsDefaultPolicy, Topic);

        var edit = document.Apply([B, A], None, TopicPolicyLimits.Sns);

        Assert.True(edit.Changed);
        Assert.Equal([A, B], edit.Added);
        var statements = StatementsOf(edit.PolicyJson);
        Assert.Equal(2, statements.Count);
        Assert.True(JsonNode.DeepEquals(StatementsOf(AwsDefaultPolicy)[0], statements[0]));
        var ours = statements[1]!.AsObject();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$"""
            {"Sid":"OnboardingCustomers1","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111111111111:root","arn:aws:iam::222222222222:root"]},
            "Action":"sns:Publish","Resource":"{{Topic}}"}
            """), ours));
        Assert.Equal([A, B], TopicPolicyDocument.Parse(edit.PolicyJson, Topic).CustomerAccounts);
    }

    [Fact]
    public void Adding_an_account_already_present_changes_nothing()
    {
        var first = Empty().Apply([A, B], None, TopicPolicyLimits.Sns);

        var again = TopicPolicyDocument.Parse(first.PolicyJson, Topic).Apply([A], None, TopicPolicyLimits.Sns);

        Assert.False(again.Changed);
        Assert.Equal([A], again.AlreadyPresent);
        Assert.Empty(again.Added);
        Assert.Equal(first.PolicyJson, again.PolicyJson);
    }

    [Fact]
    public void No_op_edit_of_an_aws_written_policy_reproduces_the_same_text()
    {
        // AWS hands principals back as a single string: our canonical form is stable across re-reads.
        var aws = $$"""
            {"Version":"2012-10-17","Statement":[{"Sid":"OnboardingCustomers1","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},
            "Action":"sns:Publish","Resource":"{{Topic}}"}]}
            """;
        var document = TopicPolicyDocument.Parse(aws, Topic);

        var edit = document.Apply(None, None, TopicPolicyLimits.Sns);
        var reread = TopicPolicyDocument.Parse(edit.PolicyJson, Topic).Apply(None, [C], TopicPolicyLimits.Sns);

        Assert.False(edit.Changed);
        Assert.False(reread.Changed);
        Assert.Equal([C], reread.NotPresent);
        Assert.Equal(document.Json, edit.PolicyJson);
        Assert.Equal(edit.PolicyJson, reread.PolicyJson);
    }

    [Fact]
    public void Removal_shrinks_and_drops_empty_statements()
    {
        var limits = new TopicPolicyLimits { MaxPrincipalsPerStatement = 2 };
        var full = TopicPolicyDocument.Parse(AwsDefaultPolicy, Topic).Apply([A, B, C], None, limits);
        Assert.Equal(3, StatementsOf(full.PolicyJson).Count);

        var edit = TopicPolicyDocument.Parse(full.PolicyJson, Topic).Apply(None, [C, A], limits);

        Assert.True(edit.Changed);
        Assert.Equal([A, C], edit.Removed);
        Assert.Equal([B], edit.Document.CustomerAccounts);
        Assert.Single(CustomerStatementsOf(edit.PolicyJson));
        Assert.True(edit.Document.SizeBytes < full.Document.SizeBytes);
        Assert.True(JsonNode.DeepEquals(StatementsOf(AwsDefaultPolicy)[0], StatementsOf(edit.PolicyJson)[0]));
    }

    [Fact]
    public void Removing_every_customer_leaves_only_foreign_statements()
    {
        var full = TopicPolicyDocument.Parse(AwsDefaultPolicy, Topic).Apply([A], None, TopicPolicyLimits.Sns);

        var edit = full.Document.Apply(None, [A], TopicPolicyLimits.Sns);

        Assert.Empty(CustomerStatementsOf(edit.PolicyJson));
        Assert.Single(StatementsOf(edit.PolicyJson));
    }

    [Fact]
    public void Removals_happen_before_additions()
    {
        var limits = new TopicPolicyLimits { MaxCustomerAccounts = 1 };
        var full = Empty().Apply([A], None, limits);

        var edit = full.Document.Apply([B], [A], limits);

        Assert.Equal([A], edit.Removed);
        Assert.Equal([B], edit.Added);
        Assert.Empty(edit.Rejected);
    }

    [Fact]
    public void Thousand_accounts_with_default_limits_stay_within_every_limit()
    {
        var document = TopicPolicyDocument.Parse(AwsDefaultPolicy, Topic);
        var candidates = Accounts(1000).ToArray();

        var edit = document.Apply(candidates, None, TopicPolicyLimits.Sns);

        Assert.True(Encoding.UTF8.GetByteCount(edit.PolicyJson) <= TopicPolicyLimits.SnsMaxPolicyBytes);
        var statements = StatementsOf(edit.PolicyJson);
        Assert.True(statements.Count <= TopicPolicyLimits.SnsMaxStatements);
        Assert.All(CustomerStatementsOf(edit.PolicyJson), s => Assert.InRange(s["Principal"]!["AWS"]!.AsArray().Count, 1, TopicPolicyLimits.SnsMaxPrincipalsPerStatement));
        Assert.NotEmpty(edit.Rejected);
        Assert.Equal(1000, edit.Added.Count + edit.Rejected.Count);
        Assert.Empty(edit.Added.Intersect(edit.Rejected));
        Assert.Equal(edit.Added.Order(), TopicPolicyDocument.Parse(edit.PolicyJson, Topic).CustomerAccounts.Order());
        Assert.True(edit.Document.IsFull(TopicPolicyLimits.Sns));
        Assert.Equal(0, edit.Document.RemainingCapacity(TopicPolicyLimits.Sns));
        // Full means full: one more account would not fit in the bytes left.
        Assert.True(TopicPolicyLimits.SnsMaxPolicyBytes - edit.Document.SizeBytes < ""","arn:aws:iam::111111111111:root" """.Trim().Length);
    }

    [Fact]
    public void Remaining_capacity_matches_what_apply_accepts()
    {
        var document = TopicPolicyDocument.Parse(AwsDefaultPolicy, Topic).Apply(Accounts(150).ToArray(), None, TopicPolicyLimits.Sns).Document;
        var capacity = document.RemainingCapacity(TopicPolicyLimits.Sns);

        var edit = document.Apply(Accounts(2000, start: 500_000_000).ToArray(), None, TopicPolicyLimits.Sns);

        Assert.False(document.IsFull(TopicPolicyLimits.Sns));
        Assert.Equal(capacity, edit.Added.Count);
    }

    [Fact]
    public void Statement_and_principal_limits_are_honoured()
    {
        var limits = new TopicPolicyLimits { MaxStatements = 3, MaxPrincipalsPerStatement = 4 };
        var document = TopicPolicyDocument.Parse(AwsDefaultPolicy, Topic);

        var edit = document.Apply(Accounts(10).ToArray(), None, limits);

        Assert.Equal(8, edit.Added.Count);
        Assert.Equal(2, edit.Rejected.Count);
        Assert.Equal(3, StatementsOf(edit.PolicyJson).Count);
        Assert.All(CustomerStatementsOf(edit.PolicyJson), s => Assert.Equal(4, s["Principal"]!["AWS"]!.AsArray().Count));
        Assert.True(edit.Document.IsFull(limits));
    }

    [Fact]
    public void Byte_limit_is_honoured_exactly()
    {
        var one = Empty().Apply([A], None, TopicPolicyLimits.Sns).Document;
        var limits = new TopicPolicyLimits { MaxPolicyBytes = one.SizeBytes };

        var edit = Empty().Apply([A, B], None, limits);

        Assert.Equal([A], edit.Added);
        Assert.Equal([B], edit.Rejected);
        Assert.Equal(limits.MaxPolicyBytes, Encoding.UTF8.GetByteCount(edit.PolicyJson));
    }

    [Fact]
    public void Max_customer_accounts_is_honoured()
    {
        var limits = new TopicPolicyLimits { MaxCustomerAccounts = 5 };

        var edit = Empty().Apply(Accounts(8).ToArray(), None, limits);

        Assert.Equal(5, edit.Added.Count);
        Assert.Equal(3, edit.Rejected.Count);
        Assert.True(edit.Document.IsFull(limits));
        Assert.False(edit.Document.IsFull(TopicPolicyLimits.Sns));
    }

    [Fact]
    public void Sids_are_unique_and_reuse_the_lowest_free_number()
    {
        var limits = new TopicPolicyLimits { MaxPrincipalsPerStatement = 1 };
        var foreign = """{"Statement":[{"Sid":"OnboardingCustomers2","Effect":"Allow","Principal":{"AWS":"*"},"Action":"sns:Subscribe","Resource":"*"}]}""";
        var document = TopicPolicyDocument.Parse(foreign, Topic);

        var edit = document.Apply([A, B, C], None, limits);
        var sids = StatementsOf(edit.PolicyJson).Select(s => s!["Sid"]!.GetValue<string>()).ToArray();

        Assert.Equal(sids.Length, sids.Distinct().Count());
        Assert.Equal(["OnboardingCustomers2", "OnboardingCustomers1", "OnboardingCustomers3", "OnboardingCustomers4"], sids);

        var removed = edit.Document.Apply(None, [A], limits).Document.Apply([A], None, limits);
        Assert.Contains("OnboardingCustomers1", removed.PolicyJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_accounts_across_statements_are_read_once()
    {
        var json = $$"""
            {"Statement":[
            {"Sid":"OnboardingCustomers1","Effect":"Allow","Principal":{"AWS":["111111111111"]},"Action":"sns:Publish","Resource":"{{Topic}}"},
            {"Sid":"OnboardingCustomers2","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111111111111:root"]},"Action":"sns:Publish","Resource":"{{Topic}}"}]}
            """;

        var document = TopicPolicyDocument.Parse(json, Topic);

        Assert.Equal([A], document.CustomerAccounts);
        Assert.Single(CustomerStatementsOf(document.Json));
    }

    [Fact]
    public void Invalid_account_ids_throw_naming_the_argument()
    {
        Assert.Equal("add", Assert.ThrowsAny<ArgumentException>(() => Empty().Apply(["12345"], None, TopicPolicyLimits.Sns)).ParamName);
        Assert.Equal("remove", Assert.ThrowsAny<ArgumentException>(() => Empty().Apply(None, ["arn:aws:iam::111111111111:root"], TopicPolicyLimits.Sns)).ParamName);
    }

    [Fact]
    public void Output_is_deterministic_regardless_of_input_order()
    {
        var first = Empty().Apply([C, A, B], None, TopicPolicyLimits.Sns);
        var second = Empty().Apply([B, C, A, A], None, TopicPolicyLimits.Sns);

        Assert.Equal(first.PolicyJson, second.PolicyJson);
    }

    [Fact]
    public void Partition_of_the_topic_is_used_for_principals()
    {
        const string govTopic = "arn:aws-us-gov:sns:us-gov-west-1:444455556666:onboarding-1";

        var edit = TopicPolicyDocument.Parse(null, govTopic).Apply([A], None, TopicPolicyLimits.Sns);

        Assert.Contains("\"arn:aws-us-gov:iam::111111111111:root\"", edit.PolicyJson, StringComparison.Ordinal);
    }
}
