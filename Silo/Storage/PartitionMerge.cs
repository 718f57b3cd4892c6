using Amazon.DynamoDBv2.Model;
using Onboarding.Persistence;

namespace Onboarding.Silo.Storage;

/// <summary>One partition's page of the state index, in the order it was read, and where its Query stopped (null: at its end).</summary>
public sealed record PartitionPage(string Partition, IReadOnlyList<Dictionary<string, AttributeValue>> Items, Dictionary<string, AttributeValue>? LastEvaluatedKey)
{
    public bool HasMore => LastEvaluatedKey is { Count: > 0 };
}

/// <summary>The merged entries, and how many of each page's were taken (in the order of the pages).</summary>
public sealed record MergedPage(IReadOnlyList<Dictionary<string, AttributeValue>> Items, IReadOnlyList<int> Taken);

/// <summary>Merges the pages of a state's partitions into one page (pure).</summary>
public static class PartitionMerge
{
    /// <summary>
    /// Takes up to <paramref name="limit"/> entries, always the newest head of the pages, so each page is taken in its own
    /// order (a prefix of it) and a partition's position is just its last entry taken. A page that ran out while its
    /// partition has more (a filter dropped entries) stops the merge at the time its Query reached: an entry older than
    /// that could be newer than what the partition has not returned yet. The page may then hold fewer than the limit.
    /// </summary>
    public static MergedPage NewestFirst(IReadOnlyList<PartitionPage> pages, int limit) => Merge(pages, limit, newestFirst: true);

    /// <summary>
    /// As <see cref="NewestFirst"/> for pages read oldest first (the entries just before a page, to go back). Entries of
    /// one time in several pages go in the reverse order of the pages, so that a page read back, reversed, is in the
    /// order the same page read onwards has.
    /// </summary>
    public static MergedPage OldestFirst(IReadOnlyList<PartitionPage> pages, int limit) => Merge(pages, limit, newestFirst: false);

    private static MergedPage Merge(IReadOnlyList<PartitionPage> pages, int limit, bool newestFirst)
    {
        var taken = new int[pages.Count];
        // Positive when a comes before b in the merged order.
        int Before(string a, string b) => newestFirst ? string.CompareOrdinal(a, b) : string.CompareOrdinal(b, a);
        // A tie goes to the earlier page onwards, to the later one back.
        bool Precedes(int page, int best) =>
            Before(CreatedAt(pages[page].Items[taken[page]]), CreatedAt(pages[best].Items[taken[best]])) is var order && (order > 0 || (order == 0 && !newestFirst));

        var items = new List<Dictionary<string, AttributeValue>>(limit);
        while (items.Count < limit)
        {
            var best = -1;
            for (var i = 0; i < pages.Count; i++)
            {
                if (taken[i] < pages[i].Items.Count && (best < 0 || Precedes(i, best)))
                    best = i;
            }
            if (best < 0) break;
            var next = CreatedAt(pages[best].Items[taken[best]]);
            var blocked = pages.Select((page, i) => (page, i)).Any(p =>
                taken[p.i] == p.page.Items.Count && p.page.HasMore && Before(CreatedAt(p.page.LastEvaluatedKey!), next) > 0);
            if (blocked) break;
            items.Add(pages[best].Items[taken[best]]);
            taken[best]++;
        }
        return new MergedPage(items, taken);
    }

    // ISO-8601 UTC text of one format: ordinal order is time order, as the index's own sort key.
    private static string CreatedAt(Dictionary<string, AttributeValue> item) =>
        item.TryGetValue(IndexedAttributeNames.CreatedAt, out var value) ? value.S ?? "" : "";
}
