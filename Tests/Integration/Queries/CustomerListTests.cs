using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Onboarding.Customers;
using Onboarding.CustomerSimulation.CloudFormation;
using Onboarding.Grains.Ports;
using Onboarding.Persistence;
using Onboarding.Queries;
using Onboarding.Silo.Configuration;
using Onboarding.Silo.Storage;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Integration.Events;

namespace Onboarding.Tests.Integration.Queries;

/// <summary>
/// A service of its own holding exactly 1,200 customers in mixed states, all made through the API:
/// 780 left Templated, 20 activated by their stack, 400 off-boarded.
/// </summary>
public sealed class PopulatedService : OnboardingService
{
    public const int TemplatedCount = 780, ActiveCount = 20, RemovedCount = 400;
    private const int Parallelism = 32;

    public Dictionary<string, List<string>> AccountsByState { get; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var accounts = Enumerable.Range(0, TemplatedCount + ActiveCount + RemovedCount).Select(_ => TestAccounts.Next()).ToList();
        await Parallel.ForEachAsync(accounts, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (account, _) =>
            (await PartnerClient.PostAsJsonAsync("/customers", new { accountId = account })).EnsureSuccessStatusCode());

        AccountsByState["Removed"] = accounts[..RemovedCount];
        AccountsByState["Active"] = accounts[RemovedCount..(RemovedCount + ActiveCount)];
        AccountsByState["Templated"] = accounts[(RemovedCount + ActiveCount)..];
        await Parallel.ForEachAsync(AccountsByState["Removed"], new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (account, _) =>
            (await Client.DeleteAsync($"/customers/{account}")).EnsureSuccessStatusCode());
        var events = new StackEvents(this);
        foreach (var account in AccountsByState["Active"])
        {
            var view = await Client.GetFromJsonAsync<JsonElement>($"/customers/{account}");
            using var http = new HttpClient();
            var template = await http.GetStringAsync(await this.TemplateUrlAsync(new Uri(view.GetProperty("launchUrl").GetString()!)));
            await events.CreateAsync(LaunchedStack.FromTemplate(template, account, "us-east-1"));
        }
    }
}

public sealed class CustomerListTests(PopulatedService service) : IClassFixture<PopulatedService>
{
    [Theory]
    [InlineData("Templated", 97)]
    [InlineData("Removed", 500)]
    [InlineData("Active", 7)]
    public async Task Paging_through_a_state_returns_each_customer_exactly_once_newest_first(string state, int limit)
    {
        var seen = new List<JsonElement>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = $"/customers?state={state}&limit={limit}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await service.Client.GetFromJsonAsync<JsonElement>(url);
            var customers = page.GetProperty("customers").EnumerateArray().ToList();
            Assert.True(customers.Count <= limit);
            seen.AddRange(customers);
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
            Assert.True(++pages <= 1_200 / limit + 2, "the cursor never reached the end");
        }
        while (cursor is not null);

        var accounts = seen.Select(c => c.GetProperty("accountId").GetString()!).ToList();
        Assert.Equal(accounts.Count, accounts.Distinct().Count());
        Assert.Equal(service.AccountsByState[state].Order(), accounts.Order());
        Assert.All(seen, c => Assert.Equal(state, c.GetProperty("state").GetString()));
        var created = seen.Select(c => c.GetProperty("createdAt").GetDateTimeOffset()).ToList();
        Assert.Equal(created.OrderDescending(), created);
    }

    [Theory]
    [InlineData("Templated", 97)]
    [InlineData("Active", 5)]
    public async Task Paging_back_from_the_last_page_returns_the_same_pages_in_reverse_and_ends_on_the_first(string state, int limit)
    {
        var forward = new List<(string[] Accounts, string? Previous)>();
        string? cursor = null;
        do
        {
            var page = await PageAsync(state, limit, cursor);
            forward.Add((Accounts(page), Cursor(page, "previousCursor")));
            cursor = Cursor(page, "nextCursor");
            Assert.True(forward.Count <= 1_200 / limit + 2, "the cursor never reached the end");
        }
        while (cursor is not null);
        // Whether a page follows is known: no empty page at the end, even when the count is a multiple of the limit.
        Assert.NotEmpty(forward[^1].Accounts);
        Assert.Null(forward[0].Previous);

        var back = forward[^1].Previous;
        for (var i = forward.Count - 2; i >= 0; i--)
        {
            Assert.NotNull(back);
            var page = await PageAsync(state, limit, back);
            Assert.Equal(forward[i].Accounts, Accounts(page));
            // And onwards again from a page reached back.
            Assert.Equal(forward[i + 1].Accounts, Accounts(await PageAsync(state, limit, Cursor(page, "nextCursor"))));
            back = Cursor(page, "previousCursor");
        }
        Assert.Null(back);
    }

    private async Task<JsonElement> PageAsync(string state, int limit, string? cursor) =>
        await service.Client.GetFromJsonAsync<JsonElement>($"/customers?state={state}&limit={limit}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));

    private static string[] Accounts(JsonElement page) =>
        [.. page.GetProperty("customers").EnumerateArray().Select(c => c.GetProperty("accountId").GetString()!)];

    private static string? Cursor(JsonElement page, string name) =>
        page.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [Fact]
    public async Task Stats_count_every_customer_in_its_state()
    {
        // Maintained counters: the last activation's count lands with its last write, a moment after its answer.
        var stats = await Eventually.ValueAsync(async () =>
        {
            var read = await service.Client.GetFromJsonAsync<JsonElement>("/stats");
            return read.GetProperty("byState").GetProperty("Active").GetInt64() == PopulatedService.ActiveCount ? (JsonElement?)read : null;
        }, "the counters to hold every activation");

        var byState = stats.GetProperty("byState");
        Assert.Equal(PopulatedService.TemplatedCount, byState.GetProperty("Templated").GetInt64());
        Assert.Equal(PopulatedService.ActiveCount, byState.GetProperty("Active").GetInt64());
        Assert.Equal(PopulatedService.RemovedCount, byState.GetProperty("Removed").GetInt64());
        Assert.Equal(0, byState.GetProperty("Pending").GetInt64());
        Assert.Equal(0, stats.GetProperty("stalled").GetInt64());
        Assert.Equal(0, stats.GetProperty("roleDegraded").GetInt64());
    }

    [Fact]
    public async Task The_maintained_counters_equal_a_recount_of_the_index()
    {
        await Eventually.TrueAsync(async () => (await service.Client.GetFromJsonAsync<JsonElement>("/stats")).GetProperty("byState").GetProperty("Active").GetInt64() == PopulatedService.ActiveCount,
            "the counters to hold every activation");

        var response = await service.Client.PostAsync("/stats/recount", content: null);

        response.EnsureSuccessStatusCode();
        var repair = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(repair.GetProperty("after").GetProperty("byState").GetRawText(), repair.GetProperty("before").GetProperty("byState").GetRawText());
        Assert.Equal(PopulatedService.TemplatedCount, repair.GetProperty("after").GetProperty("byState").GetProperty("Templated").GetInt64());
    }

    [Theory]
    [InlineData("not-a-cursor!")]
    [InlineData("eyJWIjoxfQ")] // {"V":1}: well-formed, but not a position in any list
    public async Task A_cursor_this_service_did_not_issue_is_a_400(string cursor)
    {
        var response = await service.Client.GetAsync($"/customers?state=Templated&cursor={Uri.EscapeDataString(cursor)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.EndsWith("/invalid-cursor", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_cursor_issued_before_the_write_shards_still_pages_on()
    {
        // The shape cursors had when a state was one partition: the role check sweep keeps one across an upgrade.
        var before = JsonSerializer.SerializeToUtf8Bytes(new
        {
            V = 1, State = "Removed", GrainId = $"customer/{service.AccountsByState["Removed"][0]}", StateName = "customer", CreatedAt = "2026-01-01T00:00:00.0000000Z",
        });
        var cursor = Convert.ToBase64String(before).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        var page = await service.Client.GetFromJsonAsync<JsonElement>($"/customers?state=Removed&limit=50&cursor={cursor}");

        Assert.Equal(50, page.GetProperty("customers").GetArrayLength());
        Assert.All(page.GetProperty("customers").EnumerateArray(), c => Assert.Equal("Removed", c.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Records_written_before_the_write_shards_are_paged_both_ways_in_order_and_found_by_reference()
    {
        // Every fifth Templated customer as a record written before the shards: its index key the bare state (until its next write).
        var before = service.AccountsByState["Templated"].Where((_, i) => i % 5 == 0).ToList();
        var reference = $"before-shards-{Guid.NewGuid():N}";
        var moved = new List<(string Account, Dictionary<string, AttributeValue> Key)>();
        foreach (var account in before) moved.Add((account, await MoveToTheBareStateAsync(account, account == before[0] ? reference : null)));

        // Each customer exactly once, newest first, across the shards and the bare state; the same pages back.
        await Paging_through_a_state_returns_each_customer_exactly_once_newest_first("Templated", 97);
        await Paging_back_from_the_last_page_returns_the_same_pages_in_reverse_and_ends_on_the_first("Templated", 97);

        var found = await service.Client.GetFromJsonAsync<JsonElement>($"/customers?reference={reference}");
        var customer = Assert.Single(found.GetProperty("customers").EnumerateArray());
        Assert.Equal((before[0], "Templated"), (customer.GetProperty("accountId").GetString(), customer.GetProperty("state").GetString()));

        // A cursor back issued before the shards (pages2's, version 1) leads to the bare state's newer entries.
        var (oldest, key) = moved.MinBy(m => m.Key[IndexedAttributeNames.CreatedAt].S, StringComparer.Ordinal);
        var back = JsonSerializer.SerializeToUtf8Bytes(new
        {
            V = 1, State = "Templated", GrainId = key[DynamoDbGrainStorageTable.GrainIdAttribute].S,
            StateName = key[DynamoDbGrainStorageTable.StateNameAttribute].S, CreatedAt = key[IndexedAttributeNames.CreatedAt].S, Back = true,
        });
        var page = await PageAsync("Templated", 10, Convert.ToBase64String(back).TrimEnd('=').Replace('+', '-').Replace('/', '_'));
        Assert.Equal(10, Accounts(page).Length);
        Assert.All(Accounts(page), account => Assert.Contains(account, before));
        Assert.DoesNotContain(oldest, Accounts(page));
    }

    [Fact]
    public async Task A_filtered_list_pages_back_past_entries_its_filter_leaves_out_to_every_match()
    {
        // Six flagged among 400 Removed customers (a flag no count reads there): most reads of a page's size find none.
        var flagged = service.AccountsByState["Removed"].Where((_, i) => i % 80 == 0 || i == RemovedLast).ToList();
        foreach (var account in flagged) await FlagAsync(account, OnboardingState.Removed, IndexedAttributeNames.Outdated);
        var index = service.Silo.Services.GetRequiredService<ICustomerIndex>();

        var onwards = new List<string>();
        // The last page with a match, and how many came before it (a filtered page may hold none).
        (CustomerPage Page, int After)? lastWithAny = null;
        string? cursor = null;
        do
        {
            var page = await index.ListAsync(OnboardingState.Removed, CustomerFilter.Outdated, 2, cursor, CancellationToken.None);
            if (page.Customers.Count > 0) lastWithAny = (page, onwards.Count);
            onwards.AddRange(page.Customers.Select(c => c.AccountId));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        Assert.Equal(flagged.Order(), onwards.Order());

        // Back from the last page with a match: every earlier match, each once, in order, and then no page before.
        var back = new List<string>();
        cursor = lastWithAny!.Value.Page.PreviousCursor;
        while (cursor is not null)
        {
            var page = await index.ListAsync(OnboardingState.Removed, CustomerFilter.Outdated, 2, cursor, CancellationToken.None);
            back.InsertRange(0, page.Customers.Select(c => c.AccountId));
            cursor = page.PreviousCursor;
            Assert.True(back.Count <= flagged.Count, "paging back never reached the first page");
        }
        Assert.True(lastWithAny.Value.After >= 4, $"the matches on {lastWithAny.Value.After} before the last page: too few to page back through");
        Assert.Equal(onwards[..lastWithAny.Value.After], back);
    }

    private const int RemovedLast = PopulatedService.RemovedCount - 1;

    /// <summary>Sets an index flag on a customer's record, as its write would.</summary>
    private async Task FlagAsync(string account, OnboardingState state, string flag)
    {
        using var dynamoDb = StandInClients.DynamoDb(service.Aws);
        var (table, key, _) = await IndexKeyAsync(dynamoDb, account, StateIndexKey.For(state, account));
        await dynamoDb.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = table,
            Key = key,
            UpdateExpression = "SET #flag = :flag",
            ExpressionAttributeNames = new() { ["#flag"] = flag },
            ExpressionAttributeValues = new() { [":flag"] = new() { S = "true" } },
        });
    }

    /// <summary>The grain-state table and the table key of a customer's entry in an index partition, and the entry.</summary>
    private async Task<(string Table, Dictionary<string, AttributeValue> Key, Dictionary<string, AttributeValue> Entry)> IndexKeyAsync(
        Amazon.DynamoDBv2.IAmazonDynamoDB dynamoDb, string account, string partition)
    {
        var table = service.Silo.Services.GetRequiredService<IOptions<ResourceOptions>>().Value.GrainStateTable;
        var entry = Assert.Single((await dynamoDb.QueryAsync(new QueryRequest
        {
            TableName = table,
            IndexName = DynamoDbGrainStorageTable.StateIndexName,
            KeyConditionExpression = "#state = :state",
            FilterExpression = "#account = :account",
            ExpressionAttributeNames = new() { ["#state"] = IndexedAttributeNames.OnboardingState, ["#account"] = IndexedAttributeNames.AccountId },
            ExpressionAttributeValues = new() { [":state"] = new() { S = partition }, [":account"] = new() { S = account } },
        })).Items);
        return (table, new()
        {
            [DynamoDbGrainStorageTable.GrainIdAttribute] = entry[DynamoDbGrainStorageTable.GrainIdAttribute],
            [DynamoDbGrainStorageTable.StateNameAttribute] = entry[DynamoDbGrainStorageTable.StateNameAttribute],
        }, entry);
    }

    /// <summary>Gives a customer's record the index key it had before the shards (and a reference); returns its index key.</summary>
    private async Task<Dictionary<string, AttributeValue>> MoveToTheBareStateAsync(string account, string? reference)
    {
        using var dynamoDb = StandInClients.DynamoDb(service.Aws);
        var (table, key, entry) = await IndexKeyAsync(dynamoDb, account, StateIndexKey.For(OnboardingState.Templated, account));
        var update = new UpdateItemRequest
        {
            TableName = table,
            Key = key,
            UpdateExpression = "SET #state = :state",
            ExpressionAttributeNames = new() { ["#state"] = IndexedAttributeNames.OnboardingState },
            ExpressionAttributeValues = new() { [":state"] = new() { S = nameof(OnboardingState.Templated) } },
        };
        if (reference is not null)
        {
            update.UpdateExpression += ", #reference = :reference";
            update.ExpressionAttributeNames["#reference"] = IndexedAttributeNames.Reference;
            update.ExpressionAttributeValues[":reference"] = new() { S = reference };
        }
        await dynamoDb.UpdateItemAsync(update);
        return new(key)
        {
            [IndexedAttributeNames.OnboardingState] = new() { S = nameof(OnboardingState.Templated) },
            [IndexedAttributeNames.CreatedAt] = entry[IndexedAttributeNames.CreatedAt],
        };
    }

    [Fact]
    public async Task A_crafted_cursor_with_a_key_too_long_for_dynamodb_is_a_400_not_a_500()
    {
        const int grainIdLength = 3000;
        const string stateName = "customer";
        var crafted = JsonSerializer.SerializeToUtf8Bytes(new
        {
            V = 1, State = "Templated", GrainId = new string('x', grainIdLength), StateName = stateName, CreatedAt = "2026-01-01T00:00:00.0000000Z",
        });
        var cursor = Convert.ToBase64String(crafted).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        var response = await service.Client.GetAsync($"/customers?state=Templated&cursor={cursor}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_cursor_from_one_state_cannot_page_another()
    {
        var page = await service.Client.GetFromJsonAsync<JsonElement>("/customers?state=Templated&limit=10");
        var cursor = page.GetProperty("nextCursor").GetString()!;

        var response = await service.Client.GetAsync($"/customers?state=Removed&cursor={Uri.EscapeDataString(cursor)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Removed", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/customers?limit=10", "state")]
    [InlineData("/customers?state=None", "state")]
    [InlineData("/customers?state=2", "state")]
    [InlineData("/customers?state=Templated&limit=0", "limit")]
    [InlineData("/customers?state=Templated&limit=501", "limit")]
    [InlineData("/customers?state=Templated&limit=-1", "limit")]
    [InlineData("/customers?state=Templated&limit=abc", "limit")]
    [InlineData("/customers?state=Templated&limit=99999999999999999999", "limit")]
    [InlineData("/customers?state=Templated&limit=1.5", "limit")]
    [InlineData("/customers?state=Templated&limit=1&limit=2", "limit")]
    [InlineData("/customers?state=Pending,Templated", "state")]
    public async Task A_bad_query_names_the_parameter(string url, string parameter)
    {
        var response = await service.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.GetRawText());
        Assert.EndsWith("/invalid-request", problem.GetProperty("type").GetString());
    }
}
