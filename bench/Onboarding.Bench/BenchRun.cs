using Amazon.Runtime;
using Microsoft.Extensions.Options;
using Onboarding.Bench.Counting;
using Onboarding.Bench.Driving;
using Onboarding.Bench.Floor;
using Onboarding.Bench.Processes;
using Onboarding.Bench.Reporting;
using Onboarding.CustomerSimulation.CloudFormation;
using Onboarding.CustomerSimulation.Customers;
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

    /// <summary>
    /// A pause after the last answer before counting and taking CPU times: the work that follows an answer
    /// (reminder, template deletion, notification, last write, message deletion) is then counted too.
    /// Throughput is from the run's own wall time, which ends at the last answer.
    /// </summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    public async Task<int> RunAsync()
    {
        var report = new BenchReport { Options = options, Machine = MachineDescription.Current(), StartedAt = DateTimeOffset.UtcNow };
        await using var aws = new StandIns();
        await aws.StartAsync();
        Log($"stand-ins: dynalite {aws.DynamoDbUrl}, fauxqs {aws.AwsUrl}; logs in {aws.StateDirectory}");

        var customerCalls = new AwsCallCounter();
        using var rawSns = new SnsClient(Credentials, Options.Create(new SnsClientOptions { ServiceUrl = aws.AwsUrl }));
        var sns = new CountingSnsClient(rawSns, customerCalls);
        using var templates = new HttpClient(new CountingHandler(customerCalls, "S3", "GetObject(template)") { InnerHandler = new SocketsHttpHandler() });
        await using var responses = new LoopbackResponseEndpoint();
        await responses.StartAsync();
        var load = new CustomerLoad(new CloudFormationSimulator(responses, sns), templates, options.Region);

        if (!options.SkipFloor)
        {
            await using var floor = await FloorService.CreateAsync(aws, options.Region);
            Log($"floor: warm-up ({options.Warmup})");
            await load.RunAsync(floor, [.. Accounts.Range(Accounts.Warmup, 0, options.Warmup)], options.Concurrency);
            var before = floor.Calls.Snapshot();
            var customerBefore = customerCalls.Snapshot();
            var cpu = new CpuMeter(StandInPids(aws));
            Log($"floor: {options.Onboardings} onboardings, {options.Concurrency} concurrent");
            var result = await load.RunAsync(floor, [.. Accounts.Range(Accounts.Floor, 0, options.Onboardings)], options.Concurrency, progress: Progress("floor"));
            await Task.Delay(Settle);
            report.Floor = RunFigures.From(result, AwsCallCounter.Between(before, floor.Calls.Snapshot()), AwsCallCounter.Between(customerBefore, customerCalls.Snapshot()),
                cpu.Elapsed());
        }

        await using var silo = new SiloProcess();
        await silo.StartAsync(aws, responses.Origin, Path.Combine(aws.StateDirectory, "silo.log"));
        await using var api = new ApiProcess();
        await api.StartAsync(silo.GatewayPort, Path.Combine(aws.StateDirectory, "api.log"));
        Log($"silo pid {silo.Pid}, API {api.Url}");
        var service = new ApiTarget(OnboardingApiClient.Create(api.Url, ApiProcess.PartnerKey), options.Region);

        Log($"service: warm-up ({options.Warmup})");
        await load.RunAsync(service, [.. Accounts.Range(Accounts.Warmup, 0, options.Warmup)], options.Concurrency);
        {
            var before = await silo.CountsAsync();
            var customerBefore = customerCalls.Snapshot();
            var siloBefore = silo.Usage();
            var cpu = new CpuMeter(new Dictionary<string, int>(StandInPids(aws)) { ["silo"] = silo.Pid, ["api"] = api.Pid });
            Log($"service: {options.Onboardings} onboardings, {options.Concurrency} concurrent");
            var result = await load.RunAsync(service, [.. Accounts.Range(Accounts.Service, 0, options.Onboardings)], options.Concurrency, progress: Progress("service"));
            await Task.Delay(Settle);
            var siloUsage = silo.Usage() - siloBefore;
            report.Service = RunFigures.From(result, AwsCallCounter.Between(before, await silo.CountsAsync()), AwsCallCounter.Between(customerBefore, customerCalls.Snapshot()),
                cpu.Elapsed());
            report.SiloPeakRssBytes = siloUsage.PeakRssBytes;
            report.StartLatencyByTableSize = TableGrowth.FromMainRun(result, options.Warmup);
        }

        report.Memory = await MemoryFigures.MeasureAsync(silo);
        if (options.Scale > 0)
        {
            report.Scale = await new ScaleRun(load, service, silo, options, Log).RunAsync(alreadyCreated: options.Warmup + options.Onboardings);
        }
        report.SiloPeakRssBytes = silo.Usage().PeakRssBytes;
        await silo.StopAsync();

        var markdown = MarkdownReport.Render(report);
        Console.WriteLine(markdown);
        Directory.CreateDirectory(options.OutputDirectory);
        var jsonPath = Path.Combine(options.OutputDirectory, $"bench-{report.StartedAt:yyyyMMdd-HHmmss}.json");
        await File.WriteAllTextAsync(jsonPath, JsonReport.Serialize(report));
        Log($"JSON: {jsonPath}");
        return report.Service!.Failed == 0 && (report.Floor?.Failed ?? 0) == 0 ? 0 : 1;
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
