using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using Amazon.SQS;
using Microsoft.Extensions.Options;
using Onboarding.Dependencies;
using Onboarding.Silo.Aws.Presigning;
using Onboarding.Silo.Configuration;
using Onboarding.Silo.Dependencies;

namespace Onboarding.Silo.Aws;

/// <summary>Registers the AWS SDK clients, pointed at the configured endpoints (stand-ins) or at AWS.</summary>
public static class AwsClientsServiceCollectionExtensions
{
    /// <summary>The stand-ins accept any signature; these never leave loopback (the validator sees to it).</summary>
    private static readonly BasicAWSCredentials StandInCredentials = new("local", "local");

    /// <summary>SQS holds a long poll open up to 20 s before it answers: its attempts may take that much longer.</summary>
    private static readonly TimeSpan LongestSqsLongPoll = TimeSpan.FromSeconds(20);

    public static IServiceCollection AddAwsClients(this IServiceCollection services)
    {
        services.AddSingleton<AWSCredentials>(sp =>
        {
            var aws = sp.GetRequiredService<IOptions<AwsOptions>>().Value;
            return aws.UseStandInCredentials
                ? StandInCredentials
                : new DefaultChainCredentials();
        });
        services.AddSingleton<IAmazonDynamoDB>(sp => Create(sp, DependencyNames.DynamoDb, aws => new AmazonDynamoDBConfig(), (c, config) => new AmazonDynamoDBClient(c, config), aws => aws.Endpoints.DynamoDb));
        services.AddSingleton<IAmazonSQS>(sp => Create(sp, DependencyNames.Sqs,
            aws => new AmazonSQSConfig { Timeout = aws.AttemptTimeout + LongestSqsLongPoll },
            (c, config) => new AmazonSQSClient(c, config),
            aws => aws.Endpoints.Sqs));
        // Where customers' roles are checked, as the partner (the service's own credentials).
        services.AddSingleton<IAmazonSecurityTokenService>(sp => Create(sp, DependencyNames.Sts,
            aws => new AmazonSecurityTokenServiceConfig(),
            (c, config) => new AmazonSecurityTokenServiceClient(c, config),
            aws => aws.Endpoints.Sts));
        services.AddSingleton<IAmazonS3>(sp => NewS3Client(sp, sp.GetRequiredService<AWSCredentials>()));
        services.AddSingleton(sp => PresigningCredentials.From(sp.GetRequiredService<IOptions<PresigningOptions>>().Value, sp.GetRequiredService<AWSCredentials>()));
        // Signs template URLs only (no requests): the same endpoint, the presigning credentials.
        services.AddKeyedSingleton<IAmazonS3>(S3TemplateStore.PresignerKey, (sp, _) => NewS3Client(sp, sp.GetRequiredService<PresigningCredentials>().Credentials));
        return services;
    }

    private static AmazonS3Client NewS3Client(IServiceProvider services, AWSCredentials credentials) => Create(services, DependencyNames.S3,
        aws => new AmazonS3Config { ForcePathStyle = aws.Endpoints.S3 is not null },
        (_, config) => new AmazonS3Client(credentials, config),
        aws => aws.Endpoints.S3);

    private static TClient Create<TClient, TConfig>(
        IServiceProvider services,
        string dependency,
        Func<AwsOptions, TConfig> newConfig,
        Func<AWSCredentials, TConfig, TClient> newClient,
        Func<AwsOptions, Uri?> endpoint)
        where TConfig : ClientConfig
        where TClient : AmazonServiceClient
    {
        var aws = services.GetRequiredService<IOptions<AwsOptions>>().Value;
        var config = newConfig(aws);
        // Bounded calls: an unreachable service fails a call within MaxAttempts × AttemptTimeout (plus backoff).
        config.Timeout ??= aws.AttemptTimeout;
        config.MaxErrorRetry = aws.MaxAttempts - 1;
        if (endpoint(aws) is { } url)
        {
            config.ServiceURL = url.ToString();
            config.AuthenticationRegion = aws.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(aws.Region);
        }
        var client = newClient(services.GetRequiredService<AWSCredentials>(), config);
        DependencyFailureTag.MarkFailuresOf(client, dependency);
        return client;
    }
}
