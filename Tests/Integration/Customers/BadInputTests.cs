using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Onboarding.Tests.Infrastructure;

namespace Onboarding.Tests.Integration.Customers;

[Collection(ServiceCollectionDefinition.Name)]
public sealed class BadInputTests(OnboardingService service)
{
    private HttpClient Api => service.Client;

    public static TheoryData<string, string> BadAccountIds => new()
    {
        { "\"12345678901a\"", "letters" },
        { "\"12345678901\"", "11 digits" },
        { "\"1234567890123\"", "13 digits" },
        { "\"1234 5678 9012\"", "spaces" },
        { "\"\"", "empty" },
        { "null", "null" },
        { "\"１２３４５６７８９０１２\"", "non-ASCII digits" },
    };

    [Theory]
    [MemberData(nameof(BadAccountIds))]
    public async Task An_account_id_that_is_not_exactly_12_digits_is_a_400_naming_the_field(string accountJson, string why)
    {
        var response = await PostRawAsync($"{{\"accountId\": {accountJson}}}");

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("accountId", out _), why);
        Assert.Contains("12 digits", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_body_not_sent_as_json_is_a_415_and_creates_nothing(string mediaType)
    {
        var account = TestAccounts.Next();

        var response = await Api.PostAsync("/customers", new StringContent($"{{\"accountId\":\"{account}\"}}", Encoding.UTF8, mediaType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync($"/customers/{account}")).StatusCode);
    }

    [Theory]
    [InlineData("Europe")]
    [InlineData("EU-WEST-1")]
    [InlineData("mars-north-1")]
    public async Task An_unknown_or_disallowed_region_is_a_400_and_creates_nothing(string region)
    {
        var account = TestAccounts.Next();

        var response = await Api.PostAsJsonAsync("/customers", new { accountId = account, region });

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("region", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync($"/customers/{account}")).StatusCode);
    }

    [Theory]
    [InlineData(257, "x")]
    [InlineData(10, "line\nbreak")]
    [InlineData(10, "nul\0")]
    public async Task A_reference_too_long_or_with_control_characters_is_a_400(int repeat, string piece)
    {
        var account = TestAccounts.Next();
        var reference = piece.Length == 1 ? new string(piece[0], repeat) : piece;

        var response = await Api.PostAsJsonAsync("/customers", new { accountId = account, reference });

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("reference", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync($"/customers/{account}")).StatusCode);
    }

    [Theory]
    [InlineData("{\"accountId\": ")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"accountId\": 123456789012}")]
    public async Task Malformed_json_is_a_400(string body)
    {
        var problem = await AssertProblemAsync(await PostRawAsync(body), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("body", out _));
    }

    [Fact]
    public async Task A_body_over_16_KB_is_a_400_and_creates_nothing()
    {
        var account = TestAccounts.Next();
        var body = JsonSerializer.Serialize(new { accountId = account, reference = "r", padding = new string(' ', 17 * 1024) });

        var problem = await AssertProblemAsync(await PostRawAsync(body), HttpStatusCode.BadRequest);

        Assert.Contains("16384 bytes", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync($"/customers/{account}")).StatusCode);
    }

    [Fact]
    public async Task Get_with_a_malformed_account_id_is_a_400()
    {
        await AssertProblemAsync(await Api.GetAsync("/customers/12345"), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task A_limit_that_is_no_number_is_the_same_400_in_every_environment(string environment)
    {
        using var api = service.Api.WithWebHostBuilder(web => web.UseEnvironment(environment));
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", OnboardingService.OperatorKey);

        var problem = await AssertProblemAsync(await client.GetAsync("/customers?state=Active&limit=abc"), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("limit", out _));
    }

    private Task<HttpResponseMessage> PostRawAsync(string body) =>
        Api.PostAsync("/customers", new StringContent(body, Encoding.UTF8, "application/json"));

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.EndsWith("/invalid-request", problem.GetProperty("type").GetString());
        return problem;
    }
}
