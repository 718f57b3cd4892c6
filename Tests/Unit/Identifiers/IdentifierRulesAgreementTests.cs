using Onboarding.Api.Customers;
using Onboarding.Grains.Customers;
using Onboarding.Grains.Templates;
using Onboarding.Identifiers;
using Onboarding.Silo.Configuration;

namespace Onboarding.Tests.Unit.Identifiers;

/// <summary>
/// The API and the grains check account ids and region names with the same rules: a value the API lets
/// through is one the grains accept, and what one refuses the other refuses with the same message.
/// </summary>
public sealed class IdentifierRulesAgreementTests
{
    public static TheoryData<string, bool> RegionCases => new()
    {
        { "eu-west-1", true },
        { "us-gov-west-1", true },
        { "ap-southeast-3", true },
        { "us-iso-east-1", false },
        { "us-isob-east-1", false },
        { "eu-west-10", false },
        { "eu-west-1\n", false },
        { "EU-WEST-1", false },
        { "eu-west-١", false },
        { "", false },
    };

    [Theory]
    [MemberData(nameof(RegionCases))]
    public void Api_and_grains_agree_on_region_names(string region, bool wellFormed)
    {
        var api = CustomerRequestRules.Check(new StartOnboardingRequest("111122223333", null, region), new ApiOptions());
        var apiDefault = new ApiOptionsValidator().Validate(null, new ApiOptions { DefaultRegion = region });
        var grains = new OnboardingOptionsValidator().Validate(null, new OnboardingOptions
        {
            PartnerAccountId = "111122223333",
            AllowedRegions = [region],
            PublicBaseUrl = new Uri("https://onboarding.example.com/"),
        });
        var silo = new AwsOptionsValidator().Validate(null, new AwsOptions { Region = region });

        Assert.Equal(wellFormed, !api.ContainsKey("region"));
        Assert.Equal(wellFormed, apiDefault.Succeeded);
        Assert.Equal(wellFormed, grains.Succeeded);
        Assert.Equal(wellFormed, silo.Succeeded);
        Assert.Equal(wellFormed, BuildsLaunchLink(region));
        Assert.Equal(wellFormed, RegionNames.IsWellFormed(region));
    }

    [Fact]
    public void An_isolated_region_is_refused_by_the_api_with_the_shared_message()
    {
        var errors = CustomerRequestRules.Check(new StartOnboardingRequest("111122223333", null, "us-iso-east-1"), new ApiOptions());

        var message = Assert.Single(errors["region"]);
        Assert.Equal("region must be an AWS region name such as eu-west-1 (got 'us-iso-east-1').", message);
        Assert.Equal(RegionNames.Check("region", "us-iso-east-1"), message);
    }

    public static TheoryData<string?, bool> AccountIdCases => new()
    {
        { "111122223333", true },
        { "11112222333", false },
        { "1111222233334", false },
        { "11112222333a", false },
        { "١١١١٢٢٢٢٣٣٣٣", false },
        { "", false },
        { null, false },
    };

    [Theory]
    [MemberData(nameof(AccountIdCases))]
    public void Api_and_grains_agree_on_account_ids(string? accountId, bool valid)
    {
        var api = CustomerRequestRules.CheckAccountId(accountId);
        var grains = new OnboardingOptionsValidator().Validate(null, new OnboardingOptions
        {
            PartnerAccountId = accountId ?? "",
            AllowedRegions = ["eu-west-1"],
            PublicBaseUrl = new Uri("https://onboarding.example.com/"),
        });

        Assert.Equal(valid, api is null);
        Assert.Equal(valid, grains.Succeeded);
        Assert.Equal(valid, StackNameAccepts(accountId));
        Assert.Equal(AccountIds.Check("accountId", accountId), api);
    }

    [Fact]
    public void A_wrong_account_id_message_names_the_field_and_only_the_length()
    {
        Assert.Equal("accountId must be exactly 12 digits (got 5 characters).", CustomerRequestRules.CheckAccountId("12345"));
        Assert.Equal("accountId must be exactly 12 digits (got nothing).", CustomerRequestRules.CheckAccountId(null));
    }

    private static bool BuildsLaunchLink(string region)
    {
        try
        {
            LaunchUrlBuilder.Build(region, new Uri("https://partner-templates.s3.amazonaws.com/t.json"), "PartnerOnboarding-111122223333");
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool StackNameAccepts(string? accountId)
    {
        try
        {
            StackName.ForCustomer("PartnerOnboarding", accountId!);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
