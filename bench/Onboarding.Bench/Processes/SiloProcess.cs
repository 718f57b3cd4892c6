using Onboarding.CustomerSimulation.LocalAws;
using System.Text.Json;
using System.Threading.Channels;
using Onboarding.Bench.SiloHost;

namespace Onboarding.Bench.Processes;

/// <summary>The silo as a child process (this executable in <see cref="SiloHostProgram.Mode"/>), measured through /proc.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    public const string PartnerAccountId = "111122223333";
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromMinutes(3);

    private readonly Channel<string> _replies = Channel.CreateUnbounded<string>();
    private readonly SemaphoreSlim _oneCommand = new(1, 1);
    private ChildProcess? _child;

    public int SiloPort { get; } = FreePorts.Next();
    public int GatewayPort { get; } = FreePorts.Next();
    public int Pid => _child!.Pid;

    public ProcessUsage Usage() => _child!.Usage();

    /// <param name="answerOrigin">Where the simulated CloudFormation takes answers (allowed as a ResponseURL origin).</param>
    /// <param name="apiUrl">The API's URL: the public base of the launch links the silo hands out.</param>
    /// <param name="overrides">Settings over the bench's own (from --silo).</param>
    public async Task StartAsync(StandIns aws, string answerOrigin, Uri apiUrl, string logPath, IReadOnlyDictionary<string, string> overrides)
    {
        var settings = new Dictionary<string, string>
        {
            ["Cluster:SiloPort"] = SiloPort.ToString(),
            ["Cluster:GatewayPort"] = GatewayPort.ToString(),
            ["Aws:Region"] = "us-east-1",
            ["Aws:UseStandInCredentials"] = "true",
            ["Aws:Endpoints:DynamoDb"] = aws.DynamoDbUrl.ToString(),
            ["Aws:Endpoints:Sns"] = aws.AwsUrl.ToString(),
            ["Aws:Endpoints:Sqs"] = aws.AwsUrl.ToString(),
            ["Aws:Endpoints:S3"] = aws.AwsUrl.ToString(),
            ["Aws:Endpoints:Sts"] = aws.StsUrl.ToString(),
            ["Provisioning:Enabled"] = "true",
            ["Resources:TemplateBucket"] = "onboarding-templates-bench",
            ["Onboarding:PartnerAccountId"] = PartnerAccountId,
            ["Onboarding:PublicBaseUrl"] = apiUrl.ToString(),
            // Appended after the six AWS origins of Silo/appsettings.json: the stand-in, and the bench's answer endpoint.
            ["Events:AllowedResponseUrlOrigins:6"] = aws.AwsOrigin,
            ["Events:AllowedResponseUrlOrigins:7"] = answerOrigin,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in overrides) settings[key] = value;
        var args = new List<string> { typeof(SiloProcess).Assembly.Location, SiloHostProgram.Mode, "--contentRoot", Repository.SiloContentRoot };
        args.AddRange(settings.Select(s => $"--{s.Key}={s.Value}"));
        _child = ChildProcess.StartDotnet(args, new Dictionary<string, string>(), logPath, line =>
        {
            if (line.StartsWith(SiloHostProgram.ReplyPrefix, StringComparison.Ordinal)) _replies.Writer.TryWrite(line[SiloHostProgram.ReplyPrefix.Length..]);
        });
        await ReadReplyAsync(); // {"ready":true}
    }

    public async Task<Dictionary<string, long>> CountsAsync() =>
        JsonSerializer.Deserialize<Dictionary<string, long>>(await CommandAsync("counts"))!;

    /// <summary>Milliseconds waited per AWS operation so far (see <see cref="Counting.AwsCallCounter"/>).</summary>
    public async Task<Dictionary<string, long>> WaitsAsync() =>
        JsonSerializer.Deserialize<Dictionary<string, long>>(await CommandAsync("waits"))!;

    /// <summary>DynamoDB write requests and write units so far, per table and index (see <see cref="Counting.DynamoDbWriteUnits"/>).</summary>
    public async Task<Dictionary<string, long>> WriteUnitsAsync() =>
        JsonSerializer.Deserialize<Dictionary<string, long>>(await CommandAsync("units"))!;

    public async Task<SiloMemory.Snapshot> MemoryAsync() =>
        JsonSerializer.Deserialize<SiloMemory.Snapshot>(await CommandAsync("memory"))!;

    public async Task<SiloMemory.Snapshot> CollectActivationsAsync() =>
        JsonSerializer.Deserialize<SiloMemory.Snapshot>(await CommandAsync("collect"))!;

    public async Task StopAsync()
    {
        if (_child is null || _child.HasExited) return;
        await CommandAsync("stop");
        await _child.WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        if (_child is not null) await _child.DisposeAsync();
    }

    private async Task<string> CommandAsync(string command)
    {
        await _oneCommand.WaitAsync();
        try
        {
            await _child!.Input.WriteLineAsync(command);
            await _child.Input.FlushAsync();
            return await ReadReplyAsync();
        }
        finally
        {
            _oneCommand.Release();
        }
    }

    private async Task<string> ReadReplyAsync()
    {
        using var timeout = new CancellationTokenSource(ReplyTimeout);
        while (true)
        {
            try
            {
                if (await _replies.Reader.WaitToReadAsync(timeout.Token) && _replies.Reader.TryRead(out var reply)) return reply;
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The silo child did not answer within {ReplyTimeout} (exited: {_child!.HasExited}); see its log.");
            }
            if (_child!.HasExited) throw new InvalidOperationException("The silo child exited; see its log.");
        }
    }
}
