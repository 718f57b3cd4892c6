using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Integration.Customers;

namespace Onboarding.Tests.Integration.Api;

/// <summary>
/// Every mapped route, read from the application's own routing table, gets hostile and seeded-random path
/// ids, query values, headers (API keys, content types) and bodies: nothing is a 5xx but a 503, and the
/// service is still ready afterwards.
/// </summary>
[Collection(ServiceCollectionDefinition.Name)]
public sealed partial class HostileInputFuzzTests(OnboardingService service)
{
    private const int Seed = 20261125;
    private const int RandomRequests = 600;

    private static readonly string[] HostileValues =
    [
        "", " ", "0", "-1", "1.5", "1e3", "+5", "0x10", "abc", "99999999999999999999", "2147483648", "-2147483649", "NaN",
        "null", "true", "[]", "{}", "%00", "\0", "../../etc/passwd", "..%2F..%2F", "<script>alert(1)</script>",
        "' OR '1'='1", "${jndi:ldap://x/a}", "{{7*7}}", "\r\nX-Injected: 1", "１２３４５６７８９０１２", "😀😀", "\u202Eevil",
        "123456789012", "000000000000", "Active", "active", "Pending,Templated", "None", "2", "eyJWIjoxfQ", "eyJWIjoxLCJTdGF0ZSI6IkFjdGl2ZSJ9",
        "!!!", new string('9', 5000), new string('x', 70_000),
    ];

    private static readonly string[] QueryNames = ["state", "limit", "cursor", "accountId", "region", "reference", "q", "x", ""];

    private static readonly string?[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "application/json; charset=utf-16", "application/json; charset=bogus",
        "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/merge-patch+json",
        "application/json; foo", ";;;", "application/xml", null,
    ];

    [Fact]
    public async Task Hostile_and_random_requests_on_every_route_get_no_5xx_but_503_and_leave_the_service_ready()
    {
        var routes = MappedRoutes();
        Assert.Contains(routes, r => r.Template == "/customers/{accountId}");
        var random = new Random(Seed);
        // Each hostile value once in every route's parameters and query, then seeded random mixtures.
        var requests = routes.SelectMany(route => HostileValues.Select(value => Hostile(route, value, random)))
            .Concat(Enumerable.Range(0, RandomRequests).Select(i => Random(routes[i % routes.Count], random)))
            .ToList();

        var failures = new ConcurrentBag<string>();
        using var client = service.ClientWithKey(null);
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (fuzz, cancellationToken) =>
        {
            using var message = fuzz.ToMessage();
            using var timeout = new CancellationTokenSource(Eventually.DefaultTimeout);
            try
            {
                // Headers suffice (the dashboard's trace streams for as long as it is read).
                using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                if ((int)response.StatusCode >= 500 && response.StatusCode != HttpStatusCode.ServiceUnavailable)
                    failures.Add($"{(int)response.StatusCode} for {fuzz}");
            }
            catch (OperationCanceledException)
            {
                failures.Add($"no answer for {fuzz}");
            }
        });

        Assert.True(failures.IsEmpty, $"{failures.Count} of {requests.Count} requests got a 5xx:\n{string.Join("\n", failures.Take(20))}");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    private sealed record Route(string Method, string Template);

    private sealed record FuzzRequest(string Method, string PathAndQuery, string? Key, string? ContentType, byte[]? Body, string? Accept)
    {
        public HttpRequestMessage ToMessage()
        {
            var message = new HttpRequestMessage(new HttpMethod(Method), PathAndQuery);
            if (Key is not null) message.Headers.TryAddWithoutValidation("X-Api-Key", Key);
            if (Accept is not null) message.Headers.TryAddWithoutValidation("Accept", Accept);
            if (Body is not null)
            {
                message.Content = new ByteArrayContent(Body);
                if (ContentType is not null) message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
            return message;
        }

        public override string ToString()
        {
            var body = Body is null ? "none" : Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 80));
            return $"{Method} {Cut(PathAndQuery)} key={Cut(Key ?? "none")} type={ContentType ?? "none"} accept={Accept ?? "none"} body({Body?.Length ?? 0})={body}";
        }

        private static string Cut(string text) => text.Length <= 120 ? text : text[..120] + "…";
    }

    /// <summary>Every route the application maps, from its endpoint data source.</summary>
    private List<Route> MappedRoutes() =>
        service.Api.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not null)
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => new Route(m, "/" + e.RoutePattern.RawText!.Trim('/'))))
            .Distinct()
            .ToList();

    /// <summary>The route with <paramref name="value"/> in every path parameter and every known query parameter.</summary>
    private static FuzzRequest Hostile(Route route, string value, Random random)
    {
        var query = string.Join("&", QueryNames.Where(n => n.Length > 0).Select(n => $"{n}={Uri.EscapeDataString(value)}"));
        return new(route.Method, Fill(route.Template, _ => value) + "?" + query, ValidKey(random), "application/json", BodyFor(route, random), null);
    }

    private static FuzzRequest Random(Route route, Random random)
    {
        var method = random.Next(10) == 0 ? Pick(random, ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]) : route.Method;
        var path = Fill(route.Template, _ => random.Next(3) == 0 ? "123456789012" : Pick(random, HostileValues));
        var query = string.Join("&", Enumerable.Range(0, random.Next(4)).Select(_ =>
            $"{Uri.EscapeDataString(Pick(random, QueryNames))}={Uri.EscapeDataString(Pick(random, HostileValues))}"));
        var key = random.Next(10) switch
        {
            < 6 => ValidKey(random),
            6 => null,
            7 => "wrong-" + random.Next(),
            8 => new string('k', 10_000),
            _ => Pick(random, HostileValues),
        };
        var accept = random.Next(5) == 0 ? Pick(random, ["application/xml", "*/*", "text/html", "garbage", ""]) : null;
        return new(method, query.Length > 0 ? path + "?" + query : path, key, Pick(random, ContentTypes), random.Next(4) == 0 ? null : BodyFor(route, random), accept);
    }

    private static string ValidKey(Random random) => random.Next(2) == 0 ? OnboardingService.OperatorKey : OnboardingService.PartnerKey;

    private static byte[] BodyFor(Route route, Random random)
    {
        var hostile = Pick(random, HostileValues);
        var text = random.Next(12) switch
        {
            0 => $"{{\"accountId\":{Json(hostile)}}}",
            1 => $"{{\"accountId\":\"123456789012\",\"region\":{Json(hostile)},\"reference\":{Json(hostile)}}}",
            2 => $"{{\"accountId\":{hostile.Length}}}",
            3 => "{\"accountId\": [\"123456789012\"], \"region\": {\"x\": 1}}",
            4 => new string('[', 5000) + new string(']', 5000),
            5 => "{\"accountId\":\"123456789012\",\"accountId\":\"210987654321\"}",
            6 => "\uFEFF{\"accountId\":\"123456789012\"}",
            7 => "{\"accountId\": \"12345678901" + hostile,
            8 => "{\"reference\":\"" + new string('r', 20_000) + "\"}",
            9 => "null",
            10 => hostile,
            _ => "",
        };
        if (random.Next(15) == 0)
        {
            var bytes = new byte[random.Next(1, 4096)];
            random.NextBytes(bytes);
            return bytes;
        }
        return Encoding.UTF8.GetBytes(text);
    }

    private static string Json(string value) => System.Text.Json.JsonSerializer.Serialize(value);

    /// <summary>The template with its parameters filled; a NUL never reaches a path (the server refuses the request line first, and the test host will not send it).</summary>
    private static string Fill(string template, Func<string, string> value) =>
        RouteParameter().Replace(template, m => Uri.EscapeDataString(value(m.Groups["name"].Value).Replace("\0", "", StringComparison.Ordinal)));

    private static T Pick<T>(Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];

    [GeneratedRegex(@"\{\**(?<name>[^}:=?]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
