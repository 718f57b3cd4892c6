using System.Text.Json;
using Amazon.DynamoDBv2;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using Amazon.SQS;
using Microsoft.Extensions.Options;
using Onboarding.Bench.Counting;
using Onboarding.Silo.Aws.Sns;
using Onboarding.Silo.Events;
using Onboarding.Silo.Hosting;

namespace Onboarding.Bench.SiloHost;

/// <summary>
/// The silo child process: the real silo wiring (<see cref="OnboardingSiloHostBuilderExtensions.AddOnboardingSilo"/>,
/// Silo/appsettings.json as content root, server GC as the real silo) plus AWS call counting, driven by
/// one-line commands on stdin that are answered with one JSON line on stdout (logs go to stderr).
/// </summary>
public static class SiloHostProgram
{
    public const string Mode = "silo-host";
    public const string ReplyPrefix = "@bench ";

    public static async Task<int> RunAsync(string[] args)
    {
        var counter = new AwsCallCounter();
        DynamoDbWriteUnits.AskForConsumedCapacity();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, EnvironmentName = "Bench" });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

        // Registered before the silo's own (which is TryAdd): the same SNS client, counted.
        builder.Services.AddSingleton<ISnsClient>(sp => new CountingSnsClient(
            new SnsClient(sp.GetRequiredService<AWSCredentials>(), sp.GetRequiredService<IOptions<SnsClientOptions>>(), sp.GetService<ILogger<SnsClient>>()),
            counter));
        builder.AddOnboardingSilo();
        builder.Services.AddHttpClient(HttpCloudFormationResponder.HttpClientName)
            .AddHttpMessageHandler(() => new CountingHandler(counter, "S3", "PutObject(answer)"));

        using var host = builder.Build().ValidateConfiguration();
        var dynamoDb = host.Services.GetRequiredService<IAmazonDynamoDB>();
        dynamoDb.CountInto("DynamoDB", counter);
        var writeUnits = DynamoDbWriteUnits.Attach(dynamoDb, new BasicAWSCredentials("local", "local"));
        host.Services.GetRequiredService<IAmazonSecurityTokenService>().CountInto("STS", counter);
        host.Services.GetRequiredService<IAmazonSQS>().CountInto("SQS", counter);
        host.Services.GetRequiredService<IAmazonS3>().CountInto("S3", counter);
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        Reply(new { ready = true });

        while (await Console.In.ReadLineAsync() is { } command)
        {
            switch (command.Trim())
            {
                case "counts": Reply(counter.Snapshot()); break;
                case "waits": Reply(counter.WaitSnapshot()); break;
                case "units": Reply(writeUnits.Snapshot()); break;
                case "memory": Reply(await SiloMemory.MeasureAsync(grains)); break;
                case "collect": Reply(await SiloMemory.CollectActivationsAsync(grains)); break;
                case "stop":
                    await host.StopAsync();
                    Reply(new { stopped = true });
                    return 0;
                default: Reply(new { error = $"unknown command '{command}'" }); break;
            }
        }
        await host.StopAsync();
        return 0;
    }

    private static void Reply(object value)
    {
        Console.Out.WriteLine(ReplyPrefix + JsonSerializer.Serialize(value));
        Console.Out.Flush();
    }
}
