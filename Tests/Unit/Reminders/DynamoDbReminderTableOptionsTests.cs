using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Onboarding.Silo.Aws;
using Onboarding.Silo.Reminders;
using Orleans;
using Orleans.Configuration;

namespace Onboarding.Tests.Unit.Reminders;

public sealed class DynamoDbReminderTableOptionsTests
{
    private const string ValidTableName = "Onboarding.Reminders_1";
    private const string ValidServiceId = "onboarding";
    // Never contacted: these tests only build objects.
    private const string UnusedServiceUrl = "http://127.0.0.1:9";

    public static TheoryData<string> InvalidTableNames =>
    [
        "",
        "   ",
        "ab",
        "has space",
        "slash/name",
        "ümlaut",
        new string('a', DynamoDbTableName.MaxLength + 1),
    ];

    [Theory]
    [MemberData(nameof(InvalidTableNames))]
    public void The_validator_rejects_table_names_DynamoDB_rejects(string tableName)
    {
        var result = Validate(tableName, ValidServiceId);

        Assert.True(result.Failed);
        Assert.Contains("TableName", result.FailureMessage);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void The_validator_requires_a_service_id(string serviceId)
    {
        var result = Validate(ValidTableName, serviceId);

        Assert.True(result.Failed);
        Assert.Contains("ServiceId", result.FailureMessage);
    }

    [Fact]
    public void The_validator_rejects_a_service_id_too_long_for_the_partition_key()
    {
        var result = Validate(ValidTableName, new string('s', DynamoDbReminderTableSchema.MaxPartitionKeyBytes + 1));

        Assert.True(result.Failed);
        Assert.Contains("ServiceId", result.FailureMessage);
    }

    [Fact]
    public void The_validator_accepts_valid_settings() => Assert.True(Validate(ValidTableName, ValidServiceId).Succeeded);

    [Fact]
    public void Constructing_the_table_with_invalid_options_throws()
    {
        using var client = UnusedClient();

        Assert.Throws<OptionsValidationException>(() => new DynamoDbReminderTable(
            Options.Create(new DynamoDbReminderTableOptions { ServiceId = ValidServiceId }), client, NullLogger<DynamoDbReminderTable>.Instance));
    }

    [Fact]
    public void Registration_validates_the_options_at_start_up()
    {
        using var provider = Services(tableName: "x").BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("TableName", ex.Message);
    }

    [Fact]
    public void Registration_provides_the_table_with_the_cluster_service_id_by_default()
    {
        using var provider = Services(ValidTableName).BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.IsType<DynamoDbReminderTable>(provider.GetRequiredService<IReminderTable>());
        var options = provider.GetRequiredService<IOptions<DynamoDbReminderTableOptions>>().Value;
        Assert.Equal(ValidTableName, options.TableName);
        Assert.Equal(ValidServiceId, options.ServiceId);
    }

    [Fact]
    public void An_explicit_service_id_wins_over_the_cluster_one()
    {
        const string Explicit = "explicit";
        using var provider = Services(ValidTableName, Explicit).BuildServiceProvider();

        Assert.Equal(Explicit, provider.GetRequiredService<IOptions<DynamoDbReminderTableOptions>>().Value.ServiceId);
    }

    private static ValidateOptionsResult Validate(string tableName, string serviceId) =>
        new DynamoDbReminderTableOptionsValidator().Validate(null, new DynamoDbReminderTableOptions { TableName = tableName, ServiceId = serviceId });

    private static ServiceCollection Services(string tableName, string serviceId = "")
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<ClusterOptions>(o => o.ServiceId = ValidServiceId);
        services.AddSingleton<IAmazonDynamoDB>(_ => UnusedClient());
        services.AddDynamoDbReminders(options => options.Configure(o =>
        {
            o.TableName = tableName;
            o.ServiceId = serviceId;
        }));
        return services;
    }

    private static AmazonDynamoDBClient UnusedClient() =>
        new(new BasicAWSCredentials("test", "test"), new AmazonDynamoDBConfig { ServiceURL = UnusedServiceUrl, AuthenticationRegion = "us-east-1" });
}
