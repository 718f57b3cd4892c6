using Amazon.Runtime;
using Microsoft.Extensions.Options;
using Onboarding.Bench.Counting;
using Onboarding.Bench.Driving;
using Onboarding.Bench.Floor;
using Onboarding.Bench.Processes;
using Onboarding.Bench.Reporting;
using Onboarding.CustomerSimulation.CloudFormation;
using Onboarding.CustomerSimulation.Customers;
using Onboarding.CustomerSimulation.LocalAws;
using Onboarding.Silo.Aws.Sns;

namespace Onboarding.Bench;

/// <summary>
/// The whole benchmark: stand-ins on free ports; the floor (same AWS calls straight from the SDK clients,
/// no Orleans, no API); then the silo and the API as child processes and the service run; then, when asked,
/// the scale run. Prints a Markdown report and writes the same figures as JSON.
/// </summary>
public sealed class BenchRun(BenchOptions options)
{
    private static readonly BasicAWSCredentials Credentials = new("local", "local");
    /// <summary>Silo/appsettings.json's Resources:GrainStateTable.</summary>
    private const string ServiceGrainTable = "onboarding-grain-state";

    /// <summary>
    /// A pause after the last answer before counting and taking CPU times: the work that follows an answer
    /// (reminder, template deletion, notification, last write, message deletion) is then counted too.
    /// Throughput is from the run's own wall time, which ends at the last answer.
    /// </summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    public async Task<int> RunAsync()
    {
        var report = new BenchReport { Options = options, Machine = MachineDescription.Current(), StartedAt = DateTimeOffset.UtcNow };
        await using var responses = new LoopbackResponseEndpoint();
        await responses.StartAsync();

        // Each run on fresh stand-ins (same versions, same settings): neither inherits the other's data or warm-up.
        if (!options.SkipFloor) await RunFloorAsync(report, responses);
        await RunServiceAsync(report, responses);

        var markdown = MarkdownReport.Render(report);
        Console.WriteLine(markdown);
        Directory.CreateDirectory(options.OutputDirectory);
        var stem = $"bench-{report.StartedAt:yyyyMMdd-HHmmss}";
        var jsonPath = Path.Combine(options.OutputDirectory, $"{stem}.json");
        await File.WriteAllTextAsync(jsonPath, JsonReport.Serialize(report));
        Log($"JSON: {jsonPath}");
        foreach (var chart in await BenchCharts.WriteAsync(report, options.OutputDirectory, stem)) Log($"chart: {chart}");
        return report.Service!.Failed == 0 && (report.Floor?.Failed ?? 0) == 0 && (report.Scale?.Failed ?? 0) == 0 ? 0 : 1;
    }

    private async Task RunFloorAsync(BenchReport report, LoopbackResponseEndpoint responses)
    {
        await using var aws = await StartStandInsAsync();
        await using var customers = new Customers(aws, responses, options.Region);
        await using var floor = await FloorService.CreateAsync(aws, options.Region, SiloEventIntake.Read(options.SiloSettings));
        Log($"floor: warm-up ({options.Warmup})");
        await customers.Load.RunAsync(floor, [.. Accounts.Range(Accounts.Warmup, 0, options.Warmup)], options.Concurrency);

        var before = floor.Calls.Snapshot();
        var waitedBefore = floor.Calls.WaitSnapshot();
        var unitsBefore = floor.WriteUnits.Snapshot();
        var customerBefore = customers.Calls.Snapshot();
        var cpu = new CpuMeter(StandInPids(aws));
        Log($"floor: {options.Onboardings} onboardings, {options.Concurrency} concurrent");
        var result = await customers.Load.RunAsync(floor, [.. Accounts.Range(Accounts.Floor, 0, options.Onboardings)], options.Concurrency, progress: Progress("floor"));
        await Task.Delay(Settle);
        report.Floor = RunFigures.From(result, AwsCallCounter.Between(before, floor.Calls.Snapshot()), AwsCallCounter.Between(customerBefore, customers.Calls.Snapshot()), cpu.Elapsed(),
            AwsCallCounter.Between(waitedBefore, floor.Calls.WaitSnapshot()), AwsCallCounter.Between(unitsBefore, floor.WriteUnits.Snapshot()));
        report.FloorPayloadBytes = await ItemSizes.MeanPayloadBytesAsync(aws, FloorService.GrainTable);
    }

    private async Task RunServiceAsync(BenchReport report, LoopbackResponseEndpoint responses)
    {
        await using var aws = await StartStandInsAsync();
        await using var customers = new Customers(aws, responses, options.Region);
        // --silos N: a cluster on Redis membership, started as ./run.sh --silos N and the fault suite start theirs.
        var redis = options.Silos is null ? null : new RedisScript(Repository.Root, FreePorts.Next(), Path.Combine(aws.StateDirectory, "redis"));
        if (redis is not null) await redis.RunAsync("start");
        // The API's port is chosen first: the silos put it into the launch links they hand out.
        await using var api = new ApiProcess();
        var silos = Enumerable.Range(0, options.Silos ?? 1).Select(_ => new SiloProcess()).ToList();
        try
        {
            var siloSettings = new Dictionary<string, string>(options.SiloSettings);
            foreach (var (key, value) in redis is null ? [] : LocalClusterSettings.Silo(redis.ConnectionString)) siloSettings[key] = value!;
            await Task.WhenAll(silos.Select((silo, i) => silo.StartAsync(aws, responses.Origin, api.Url, Path.Combine(aws.StateDirectory, $"silo-{i}.log"), siloSettings)));
            await api.StartAsync(redis is null ? [new("Cluster:GatewayPort", silos[0].GatewayPort.ToString())] : LocalClusterSettings.Api(redis.ConnectionString),
                Path.Combine(aws.StateDirectory, "api.log"));
            Log($"silo pids {string.Join(", ", silos.Select(s => s.Pid))}{(redis is null ? "" : $" (Redis membership on {redis.ConnectionString})")}, API {api.Url}");
            await MeasureServiceAsync(report, customers, api, silos);
        }
        finally
        {
            foreach (var silo in silos) await silo.DisposeAsync();
            if (redis is not null) await redis.RunAsync("stop");
        }
    }

    private async Task MeasureServiceAsync(BenchReport report, Customers customers, ApiProcess api, List<SiloProcess> silos)
    {
        using var browser = new HttpClient(LaunchLinkOpener.NewHandler());
        var service = new ApiTarget(OnboardingApiClient.Create(api.Url, ApiProcess.PartnerKey), new LaunchLinkOpener(browser), options.Region);

        Log($"service: warm-up ({options.Warmup})");
        await customers.Load.RunAsync(service, [.. Accounts.Range(Accounts.Warmup, 0, options.Warmup)], options.Concurrency);

        var before = await SumAsync(silos, s => s.CountsAsync());
        var waitedBefore = await SumAsync(silos, s => s.WaitsAsync());
        var unitsBefore = await SumAsync(silos, s => s.WriteUnitsAsync());
        var customerBefore = customers.Calls.Snapshot();
        var aws = customers.Aws;
        var pids = new Dictionary<string, int>(StandInPids(aws)) { ["api"] = api.Pid };
        foreach (var (silo, i) in silos.Select((s, i) => (s, i))) pids[SiloCpu + i] = silo.Pid;
        var cpu = new CpuMeter(pids);
        Log($"service: {options.Onboardings} onboardings, {options.Concurrency} concurrent");
        var result = await customers.Load.RunAsync(service, [.. Accounts.Range(Accounts.Service, 0, options.Onboardings)], options.Concurrency, progress: Progress("service"));
        await Task.Delay(Settle);
        var cpuSeconds = SilosAsOne(cpu.Elapsed());
        report.Service = RunFigures.From(result, AwsCallCounter.Between(before, await SumAsync(silos, s => s.CountsAsync())), AwsCallCounter.Between(customerBefore, customers.Calls.Snapshot()), cpuSeconds,
            AwsCallCounter.Between(waitedBefore, await SumAsync(silos, s => s.WaitsAsync())), AwsCallCounter.Between(unitsBefore, await SumAsync(silos, s => s.WriteUnitsAsync())));
        report.StartLatencyByTableSize = TableGrowth.FromMainRun(result, options.Warmup);
        report.ServicePayloadBytes = await ItemSizes.MeanPayloadBytesAsync(aws, ServiceGrainTable);

        // Memory per activation is one silo's figure: measured only when every activation is on that one.
        if (silos.Count == 1) report.Memory = await MemoryFigures.MeasureAsync(silos[0]);
        if (options.Scale > 0)
        {
            using var dynamoDb = new Amazon.DynamoDBv2.AmazonDynamoDBClient(Credentials, new Amazon.DynamoDBv2.AmazonDynamoDBConfig { ServiceURL = aws.DynamoDbUrl.ToString(), AuthenticationRegion = "us-east-1" });
            var scale = new ScaleRun(customers.Load, service, silos[0], OperatorApi.Create(api.Url), new DirectFill(dynamoDb, ServiceGrainTable), options, Log);
            report.Scale = await scale.RunAsync(alreadyCreated: options.Warmup + options.Onboardings);
        }
        report.SiloPeakRssBytes = silos.Max(s => s.Usage().PeakRssBytes);
        foreach (var silo in silos) await silo.StopAsync();
    }

    // Each silo's CPU is metered under its own name, then reported as one "silo" figure: the service side's cost.
    private const string SiloCpu = "silo-";

    private static Dictionary<string, double> SilosAsOne(Dictionary<string, double> cpuSeconds)
    {
        var silos = cpuSeconds.Where(c => c.Key.StartsWith(SiloCpu, StringComparison.Ordinal)).ToList();
        var folded = cpuSeconds.Where(c => !c.Key.StartsWith(SiloCpu, StringComparison.Ordinal)).ToDictionary();
        folded["silo"] = silos.Sum(c => c.Value);
        return folded;
    }

    /// <summary>A counter read from every silo, added up by name.</summary>
    private static async Task<Dictionary<string, long>> SumAsync(List<SiloProcess> silos, Func<SiloProcess, Task<Dictionary<string, long>>> read)
    {
        var sum = new Dictionary<string, long>();
        foreach (var silo in silos)
            foreach (var (name, value) in await read(silo)) sum[name] = sum.GetValueOrDefault(name) + value;
        return sum;
    }

    private static async Task<StandIns> StartStandInsAsync()
    {
        var aws = new StandIns();
        await aws.StartAsync();
        Log($"stand-ins: dynalite {aws.DynamoDbUrl}, fauxqs {aws.AwsUrl}; logs in {aws.StateDirectory}");
        return aws;
    }

    /// <summary>The simulated customers' side on one set of stand-ins, with their own AWS calls counted.</summary>
    private sealed class Customers : IAsyncDisposable
    {
        private readonly SnsClient _sns;
        private readonly HttpClient _templates;
        private readonly LocalIamClient _iam;
        private readonly AccountSnsClients _accountSns;

        public Customers(StandIns aws, LoopbackResponseEndpoint responses, string region)
        {
            Aws = aws;
            _sns = new SnsClient(Credentials, Options.Create(new SnsClientOptions { ServiceUrl = aws.AwsUrl }));
            _templates = new HttpClient(new CountingHandler(Calls, "S3", "GetObject(template)") { InnerHandler = new SocketsHttpHandler() });
            // As a real customer's: each stack creates its role in the STS stand-in (which the service verifies before it
            // answers SUCCESS) and publishes as its own account.
            _iam = new LocalIamClient(aws.StsUrl);
            _accountSns = new AccountSnsClients(aws.AwsUrl);
            var simulator = new CloudFormationSimulator(responses, new CountingSnsClient(_sns, Calls))
            {
                Iam = _iam,
                PublishAsAccount = account => new CountingSnsClient(_accountSns.For(account), Calls),
            };
            Load = new CustomerLoad(simulator, _templates, region);
        }

        public AwsCallCounter Calls { get; } = new();
        public CustomerLoad Load { get; }
        public StandIns Aws { get; }

        public ValueTask DisposeAsync()
        {
            _sns.Dispose();
            _templates.Dispose();
            _iam.Dispose();
            _accountSns.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>The bench process (customers, and the floor's own work in the floor run) and the two stand-ins.</summary>
    private static Dictionary<string, int> StandInPids(StandIns aws) => new()
    {
        ["bench"] = Environment.ProcessId,
        ["dynalite"] = aws.Pid("dynalite"),
        ["fauxqs"] = aws.Pid("fauxqs"),
    };

    private static IProgress<int> Progress(string phase) => new Progress<int>(n => Log($"{phase}: {n} done"));

    private static void Log(string line) => Console.Error.WriteLine($"[bench {DateTime.Now:HH:mm:ss}] {line}");
}
