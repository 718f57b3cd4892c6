using Amazon.DynamoDBv2.Model;
using Onboarding.Customers;
using Onboarding.Persistence;
using Onboarding.Silo.Storage;

namespace Onboarding.Tests.Unit.Storage;

public sealed class StateIndexPartitionTests
{
    [Fact]
    public void An_account_keeps_its_shard_in_every_process()
    {
        // FNV-1a of the id's characters: fixed values, so a change of the function (which would strand stored entries) fails here.
        Assert.Equal("Active#7", StateIndexKey.For(OnboardingState.Active, "123456789012"));
        Assert.Equal("Templated#2", StateIndexKey.For(OnboardingState.Templated, "000000000001"));
    }

    [Fact]
    public void Accounts_spread_over_every_shard()
    {
        var shards = Enumerable.Range(0, 1_000).Select(i => StateIndexKey.ShardOf($"{100_000_000_000L + i * 7_919L}")).CountBy(s => s).ToList();
        Assert.Equal(StateIndexKey.Shards, shards.Count);
        Assert.All(shards, s => Assert.InRange(s.Value, 1_000 / StateIndexKey.Shards / 2, 1_000 / StateIndexKey.Shards * 2));
    }

    [Fact]
    public void A_state_is_read_from_its_shards_and_its_bare_key()
    {
        var partitions = StateIndexKey.PartitionsOf(OnboardingState.Removed);
        Assert.Equal(StateIndexKey.Shards + 1, partitions.Count);
        Assert.Contains("Removed", partitions);
        Assert.Contains(StateIndexKey.For(OnboardingState.Removed, "123456789012"), partitions);
        Assert.All(partitions, p => Assert.Equal(OnboardingState.Removed, StateIndexKey.StateOf(p)));
        Assert.Null(StateIndexKey.StateOf("Nothing#1"));
    }

    [Fact]
    public void Pages_merge_newest_first_each_in_its_own_order()
    {
        var a = Page("A#0", more: false, "2026-11-30T10:05", "2026-11-30T10:03", "2026-11-30T10:01");
        var b = Page("A#1", more: false, "2026-11-30T10:04", "2026-11-30T10:02");

        var merged = PartitionMerge.NewestFirst([a, b], limit: 4);

        Assert.Equal(["10:05", "10:04", "10:03", "10:02"], merged.Items.Select(Time));
        Assert.Equal([2, 2], merged.Taken);
    }

    [Fact]
    public void A_page_that_ran_out_before_its_partition_did_holds_back_older_entries()
    {
        // A filter left A#0 one entry of those its Query read down to 10:04: A#0 may still hold entries between 10:04 and 10:01.
        var a = Page("A#0", more: true, "2026-11-30T10:06") with { LastEvaluatedKey = Entry("2026-11-30T10:04") };
        var b = Page("A#1", more: false, "2026-11-30T10:05", "2026-11-30T10:01");

        var merged = PartitionMerge.NewestFirst([a, b], limit: 10);

        Assert.Equal(["10:06", "10:05"], merged.Items.Select(Time));
        Assert.Equal([1, 1], merged.Taken);
    }

    [Fact]
    public void A_page_read_back_reversed_is_in_the_order_the_same_page_has_onwards_ties_included()
    {
        // Two entries of 10:03, one in each partition.
        var onwards = PartitionMerge.NewestFirst([Tagged("A#0", "10:05", "10:03"), Tagged("A#1", "10:03", "10:02")], limit: 4);
        var back = PartitionMerge.OldestFirst([Tagged("A#0", "10:03", "10:05"), Tagged("A#1", "10:02", "10:03")], limit: 4);

        Assert.Equal(["A#0 10:05", "A#0 10:03", "A#1 10:03", "A#1 10:02"], onwards.Items.Select(Tag));
        Assert.Equal(onwards.Items.Select(Tag), back.Items.Reverse().Select(Tag));
        Assert.Equal([2, 2], back.Taken);
    }

    [Fact]
    public void A_page_read_back_that_ran_out_before_its_partition_did_holds_back_newer_entries()
    {
        // A filter left A#0 one entry of those its Query read up to 10:04: A#0 may still hold entries between 10:04 and 10:06.
        var a = Page("A#0", more: true, "2026-11-30T10:01") with { LastEvaluatedKey = Entry("2026-11-30T10:04") };
        var b = Page("A#1", more: false, "2026-11-30T10:02", "2026-11-30T10:06");

        var merged = PartitionMerge.OldestFirst([a, b], limit: 10);

        Assert.Equal(["10:01", "10:02"], merged.Items.Select(Time));
        Assert.Equal([1, 1], merged.Taken);
    }

    private static PartitionPage Page(string partition, bool more, params string[] createdAt) =>
        new(partition, [.. createdAt.Select(Entry)], more ? Entry(createdAt[^1]) : null);

    private static Dictionary<string, AttributeValue> Entry(string createdAt) => new() { [IndexedAttributeNames.CreatedAt] = new AttributeValue(createdAt + ":00.0000000Z") };

    private static PartitionPage Tagged(string partition, params string[] times) =>
        new(partition, [.. times.Select(time => new Dictionary<string, AttributeValue>(Entry($"2026-11-30T{time}")) { [IndexedAttributeNames.AccountId] = new AttributeValue($"{partition} {time}") })], null);

    private static string Tag(Dictionary<string, AttributeValue> entry) => entry[IndexedAttributeNames.AccountId].S;

    private static string Time(Dictionary<string, AttributeValue> entry) => entry[IndexedAttributeNames.CreatedAt].S[11..16];
}
