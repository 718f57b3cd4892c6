using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Onboarding.Silo.Storage;
using Orleans.Storage;

namespace Onboarding.Tests.Unit.Storage;

public sealed class DynamoDbGrainStorageOptionsTests
{
    private const string StorageName = "customers";
    private const string ValidTableName = "Onboarding.Grain-State_1";
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
        new string('a', DynamoDbGrainStorageOptionsValidator.MaxTableNameLength + 1),
    ];

    [Theory]
    [MemberData(nameof(InvalidTableNames))]
    public void The_validator_rejects_names_DynamoDB_rejects(string tableName)
    {
        var result = new DynamoDbGrainStorageOptionsValidator().Validate(StorageName, new DynamoDbGrainStorageOptions { TableName = tableName });

        Assert.True(result.Failed);
        Assert.Contains("TableName", result.FailureMessage);
        Assert.Contains(StorageName, result.FailureMessage);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData(ValidTableName)]
    public void The_validator_accepts_valid_names(string tableName)
    {
        var result = new DynamoDbGrainStorageOptionsValidator().Validate(StorageName, new DynamoDbGrainStorageOptions { TableName = tableName });

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void The_longest_valid_name_is_accepted()
    {
        var options = new DynamoDbGrainStorageOptions { TableName = new string('a', DynamoDbGrainStorageOptionsValidator.MaxTableNameLength) };

        Assert.True(new DynamoDbGrainStorageOptionsValidator().Validate(StorageName, options).Succeeded);
    }

    [Fact]
    public void Constructing_the_storage_with_an_invalid_table_name_throws()
    {
        using var client = UnusedClient();

        Assert.Throws<OptionsValidationException>(() => new DynamoDbGrainStorage(
            StorageName, new DynamoDbGrainStorageOptions(), client, NullLogger<DynamoDbGrainStorage>.Instance));
    }

    [Fact]
    public void Registration_validates_the_named_options_at_start_up()
    {
        using var provider = Services(tableName: "").BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("TableName", ex.Message);
    }

    [Fact]
    public void Registration_provides_the_storage_under_its_name_with_its_named_options()
    {
        using var provider = Services(ValidTableName).BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.IsType<DynamoDbGrainStorage>(provider.GetRequiredKeyedService<IGrainStorage>(StorageName));
        Assert.Equal(ValidTableName, provider.GetRequiredService<IOptionsMonitor<DynamoDbGrainStorageOptions>>().Get(StorageName).TableName);
    }

    private static ServiceCollection Services(string tableName)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IAmazonDynamoDB>(_ => UnusedClient());
        services.AddDynamoDbGrainStorage(StorageName, options => options.Configure(o => o.TableName = tableName));
        return services;
    }

    private static AmazonDynamoDBClient UnusedClient() =>
        new(new BasicAWSCredentials("test", "test"), new AmazonDynamoDBConfig { ServiceURL = UnusedServiceUrl, AuthenticationRegion = "us-east-1" });
}
