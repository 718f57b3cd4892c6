using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Infrastructure.Storage;
using Orleans;
using Orleans.Storage;

namespace Onboarding.Tests.Integration.Storage;

/// <summary>Writers racing with the same etag: the conditional write lets exactly one through.</summary>
[Collection(LocalAwsCollection.Name)]
public sealed class DynamoDbGrainStorageConcurrencyTests(LocalAwsStandIns aws) : DynamoDbStorageTestBase(aws)
{
    [Theory]
    [InlineData(2)]
    [InlineData(16)]
    public async Task Writers_racing_on_one_etag_let_exactly_one_win(int writers)
    {
        var grainId = NewGrainId();
        var initial = await WriteNewAsync(CreateStorage(), grainId, new SampleState { Name = "initial" });

        // Separate storage instances stand in for separate silos holding the same etag.
        var racers = Enumerable.Range(0, writers)
            .Select(i => (Storage: CreateStorage(), State: new TestGrainState<SampleState>(new SampleState { Name = $"writer-{i}" }, initial.ETag)))
            .ToList();
        var outcomes = await Task.WhenAll(racers.Select(r => OutcomeAsync(r.Storage.WriteStateAsync(StateName, grainId, r.State))));

        var winners = racers.Where((_, i) => outcomes[i] is null).ToList();
        var winner = Assert.Single(winners);
        Assert.All(outcomes.Where(o => o is not null), o => Assert.IsType<InconsistentStateException>(o));
        var read = await ReadAsync<SampleState>(CreateStorage(), grainId);
        Assert.Equal(winner.State.State.Name, read.State.Name);
        Assert.Equal(winner.State.ETag, read.ETag);
    }

    [Fact]
    public async Task First_writers_racing_with_no_etag_let_exactly_one_win()
    {
        const int Writers = 16;
        var grainId = NewGrainId();

        var racers = Enumerable.Range(0, Writers)
            .Select(i => (Storage: CreateStorage(), State: new TestGrainState<SampleState>(new SampleState { Name = $"writer-{i}" })))
            .ToList();
        var outcomes = await Task.WhenAll(racers.Select(r => OutcomeAsync(r.Storage.WriteStateAsync(StateName, grainId, r.State))));

        var winner = Assert.Single(racers.Where((_, i) => outcomes[i] is null));
        Assert.All(outcomes.Where(o => o is not null), o => Assert.IsType<InconsistentStateException>(o));
        Assert.Equal(winner.State.State.Name, (await ReadAsync<SampleState>(CreateStorage(), grainId)).State.Name);
    }

    [Fact]
    public async Task A_clear_racing_a_write_on_one_etag_lets_exactly_one_win()
    {
        var grainId = NewGrainId();
        var initial = await WriteNewAsync(CreateStorage(), grainId, new SampleState { Name = "initial" });
        var writer = new TestGrainState<SampleState>(new SampleState { Name = "written" }, initial.ETag);
        var clearer = new TestGrainState<SampleState>(new SampleState { Name = "initial" }, initial.ETag);

        var outcomes = await Task.WhenAll(
            OutcomeAsync(CreateStorage().WriteStateAsync(StateName, grainId, writer)),
            OutcomeAsync(CreateStorage().ClearStateAsync(StateName, grainId, clearer)));

        Assert.Single(outcomes, o => o is null);
        Assert.IsType<InconsistentStateException>(Assert.Single(outcomes, o => o is not null));
        var read = await ReadAsync<SampleState>(CreateStorage(), grainId);
        Assert.Equal(outcomes[0] is null ? "written" : "", read.State.Name);
        Assert.Equal(outcomes[0] is null, read.RecordExists);
    }

    private static async Task<Exception?> OutcomeAsync(Task write)
    {
        try
        {
            await write;
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
