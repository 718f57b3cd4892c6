using Onboarding.Customers;
using Onboarding.Grains.Customers;
using Onboarding.Grains.Stats;
using Onboarding.Identity;
using Onboarding.Queries;
using Onboarding.Tests.Unit.Customers;
using static Onboarding.Customers.OnboardingState;

namespace Onboarding.Tests.Unit.Stats;

/// <summary>The counting rules, pure: what a customer counts as, when a write carries a count, and how a shard applies counts exactly once.</summary>
public sealed class CustomerCountingTests
{
    private static readonly DateTimeOffset Now = CustomerWorkflowTests.Now;
    private static readonly CustomerCount Pending_ = new(Pending, false, false);
    private static readonly CustomerCount Templated_ = new(Templated, false, false);
    private static readonly CustomerCount Activating_ = new(Activating, false, false);
    private static readonly CustomerCount Active_ = new(Active, false, false);

    [Fact]
    public void A_count_repeated_after_a_crash_is_applied_once()
    {
        var shard = new CustomerCountersState();

        CustomerCounting.Apply(shard, "100000000001", 1, from: null, Templated_, Now);
        CustomerCounting.Apply(shard, "100000000001", 1, from: null, Templated_, Now);

        Assert.Equal(1, shard.ByState[Templated]);
        Assert.Equal(1, shard.ByState.Values.Sum());
    }

    [Fact]
    public void A_repeat_that_finds_the_customer_elsewhere_corrects_the_first_count()
    {
        // Counted Templated from memory, then the silo died before the record said so; the repeat finds it still Pending.
        var shard = new CustomerCountersState();
        CustomerCounting.Apply(shard, "100000000001", 1, from: null, Templated_, Now);

        CustomerCounting.Apply(shard, "100000000001", 1, from: null, Pending_, Now);

        Assert.Equal((1, 0), (shard.ByState[Pending], shard.ByState[Templated]));
    }

    [Fact]
    public void An_older_count_from_a_stale_activation_changes_nothing()
    {
        var shard = new CustomerCountersState();
        CustomerCounting.Apply(shard, "100000000001", 1, from: null, Templated_, Now);
        CustomerCounting.Apply(shard, "100000000001", 2, Templated_, Activating_, Now);

        CustomerCounting.Apply(shard, "100000000001", 1, from: null, Pending_, Now);

        Assert.Equal((0, 0, 1), (shard.ByState.GetValueOrDefault(Pending), shard.ByState[Templated], shard.ByState[Activating]));
    }

    [Fact]
    public void Once_settled_the_next_count_moves_the_customer_from_what_its_record_says()
    {
        var shard = new CustomerCountersState();
        CustomerCounting.Apply(shard, "100000000001", 1, from: null, Templated_, Now);
        CustomerCounting.Forget(shard, "100000000001", 1);
        Assert.Empty(shard.Unsettled);

        CustomerCounting.Apply(shard, "100000000001", 2, Templated_, Active_, Now);

        Assert.Equal((0, 1), (shard.ByState[Templated], shard.ByState[Active]));
    }

    [Fact]
    public void Settling_an_older_count_keeps_a_newer_one_unsettled()
    {
        var shard = new CustomerCountersState();
        CustomerCounting.Apply(shard, "100000000001", 1, from: null, Templated_, Now);
        CustomerCounting.Apply(shard, "100000000001", 2, Templated_, Activating_, Now);

        CustomerCounting.Forget(shard, "100000000001", 1);

        Assert.Equal(2, shard.Unsettled["100000000001"].Sequence);
    }

    [Fact]
    public void Counts_of_many_customers_interleaved_with_repeats_and_settlements_add_up_to_where_each_customer_ended()
    {
        // Each customer counts its moves in order (one grain); customers interleave freely, repeat counts (crash
        // replays, some with what memory held before the crash) and settle some of them.
        var random = new Random(20261130);
        var paths = new[]
        {
            new[] { Templated_, Activating_, Active_ },
            [Pending_, Templated_],
            [Templated_, new CustomerCount(Templated, true, false), new CustomerCount(Removed, false, false)],
            [Templated_, Activating_, Templated_],
            [Templated_, Activating_, Active_, new CustomerCount(Active, false, true)],
        };
        var customers = Enumerable.Range(0, 300).Select(i => (Account: $"{100000000000 + i}", Path: paths[i % paths.Length], Next: 0)).ToArray();
        var shard = new CustomerCountersState();
        while (customers.Any(c => c.Next < c.Path.Length))
        {
            var i = random.Next(customers.Length);
            var (account, path, next) = customers[i];
            if (next >= path.Length) continue;
            var from = next == 0 ? null : path[next - 1];
            if (random.Next(4) == 0) CustomerCounting.Apply(shard, account, next + 1, from, Pending_, Now);   // counted from memory, then a crash
            CustomerCounting.Apply(shard, account, next + 1, from, path[next], Now);
            if (random.Next(3) == 0) CustomerCounting.Apply(shard, account, next + 1, from, path[next], Now); // repeated
            if (random.Next(2) == 0) CustomerCounting.Forget(shard, account, next + 1);
            customers[i].Next++;
        }

        var expected = new CustomerCountersState();
        foreach (var (account, path, _) in customers) CustomerCounting.Apply(expected, account, 1, null, path[^1], Now);
        Assert.Equal(expected.ByState.Where(s => s.Value != 0).OrderBy(s => s.Key), shard.ByState.Where(s => s.Value != 0).OrderBy(s => s.Key));
        Assert.Equal((expected.Stalled, expected.Degraded), (shard.Stalled, shard.Degraded));
        Assert.Equal(60, shard.Degraded);
    }

    [Fact]
    public void A_write_that_changes_what_the_customer_counts_as_carries_one_count()
    {
        var templated = CustomerWorkflowTests.Customer("Templated");
        templated.Counted = Pending_;
        templated.CountSequence = 4;

        var written = CustomerCounting.WithCount(templated);
        var again = CustomerCounting.WithCount(written);

        var count = Assert.Single(written.Effects.OfType<CountCustomer>());
        Assert.Equal(new CountCustomer(5, Pending_), count);
        Assert.Equal(5, written.CountSequence);
        Assert.Same(written, again);   // one pending count counts the customer as it is when it runs
        Assert.Empty(templated.Effects);
    }

    [Fact]
    public void A_write_that_leaves_the_count_as_it_is_carries_none()
    {
        var templated = CustomerWorkflowTests.Customer("Templated");
        templated.Counted = Templated_;

        Assert.Same(templated, CustomerCounting.WithCount(templated));
    }

    [Theory]
    [InlineData("Templated", 0, false, Templated, false, false)]
    [InlineData("Templated", 1, false, Templated, true, false)]
    [InlineData("Active", 0, true, Active, false, false)]
    [InlineData("Active", 0, false, Active, false, true)]
    [InlineData("Removed", 0, false, Removed, false, false)]
    public void A_customer_counts_in_its_state_and_as_stalled_or_degraded_when_it_is(
        string name, int prompts, bool roleVerified, OnboardingState state, bool stalled, bool degraded)
    {
        var customer = CustomerWorkflowTests.Customer(name);
        customer.PromptCount = prompts;
        customer.RoleCheck = new RoleVerification(roleVerified ? RoleVerificationOutcome.Verified : RoleVerificationOutcome.NotAssumable, "checked", Now, 1, roleVerified);

        Assert.Equal(new CustomerCount(state, stalled, degraded), CustomerCounting.ContributionOf(customer));
        Assert.Null(CustomerCounting.ContributionOf(new CustomerState()));
    }

    [Fact]
    public void A_record_from_before_counting_is_counted_as_it_is_stored()
    {
        var legacy = CustomerWorkflowTests.Customer("Active");
        var counting = CustomerCounting.WithCount(CustomerWorkflowTests.Customer("Templated"));

        Assert.Equal(Active_, CustomerCounting.AdoptUncounted(legacy).Counted);
        Assert.Same(counting, CustomerCounting.AdoptUncounted(counting));   // counted already (its first count pending)
        Assert.Null(CustomerCounting.AdoptUncounted(new CustomerState()).Counted);
    }

    [Fact]
    public void A_count_done_is_kept_in_memory_for_the_next_write_and_forces_none()
    {
        var written = CustomerCounting.WithCount(CustomerWorkflowTests.Customer("Templated"));
        var count = written.Effects.OfType<CountCustomer>().Single();

        var done = CustomerWorkflow.EffectDone(written, new EffectOutcome(count, Counted: Templated_), Now, CustomerWorkflowTests.Options);

        Assert.False(done.Write);
        Assert.Equal(Templated_, done.State.Counted);
        Assert.Empty(done.State.Effects);
    }

    [Fact]
    public void Every_account_counts_in_one_shard()
    {
        var shards = Enumerable.Range(0, 1000).Select(i => CustomerCounting.ShardOf($"{123456780000 + i}")).ToList();

        Assert.All(shards, s => Assert.InRange(s, 0, CustomerCounting.Shards - 1));
        Assert.Equal(Math.Min(CustomerCounting.Shards, 1000), shards.Distinct().Count());
        Assert.Equal(CustomerCounting.ShardOf("123456789012"), CustomerCounting.ShardOf("123456789012"));
    }

    [Fact]
    public void An_outdated_customer_counts_as_outdated_until_its_update_and_its_count_is_stored_in_a_few_bytes()
    {
        var shard = new CustomerCountersState();
        var outdated = new CustomerCount(Active, false, false, Outdated: true);

        CustomerCounting.Apply(shard, "100000000001", 1, from: null, Active_, Now);
        CustomerCounting.Apply(shard, "100000000001", 2, Active_, outdated, Now);
        Assert.Equal((1, 1), (shard.ByState[Active], shard.Outdated));
        CustomerCounting.Apply(shard, "100000000001", 3, outdated, Active_, Now);

        Assert.Equal((1, 0), (shard.ByState[Active], shard.Totals().Outdated));
        var json = System.Text.Json.JsonSerializer.Serialize(outdated);
        Assert.Equal("\"Active,outdated\"", json);
        Assert.Equal(outdated, System.Text.Json.JsonSerializer.Deserialize<CustomerCount>(json));
    }
}
