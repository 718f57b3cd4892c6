using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Onboarding.Tests.Infrastructure.Deployment;

/// <summary>One question for IAM: may <see cref="PrincipalArn"/>, holding <see cref="IdentityPolicies"/>, do this?</summary>
public sealed record IamRequest(
    string PrincipalArn,
    string Action,
    string ResourceArn,
    string ResourceAccount,
    IReadOnlyList<(string Name, JsonNode Policy)> IdentityPolicies,
    JsonNode? ResourcePolicy = null)
{
    public override string ToString() => $"{Action} on {ResourceArn}";
}

public sealed record IamDecision(bool Allowed, string Result, IReadOnlyList<string> Errors);

/// <summary>
/// The real IAM evaluator the identity stand-ins use (<c>@cloud-copilot/iam-simulate</c>, tools/local-aws/iam-evaluate.mjs),
/// run as a node process: requests in on standard input, decisions out, in order.
/// </summary>
public static class IamPolicyEvaluator
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static async Task<IReadOnlyList<IamDecision>> DecideAsync(IReadOnlyList<IamRequest> requests)
    {
        var script = Path.Combine(LocalAwsStandIns.RepositoryRoot, "tools", "local-aws", "iam-evaluate.mjs");
        var start = new ProcessStartInfo("node", [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(new JsonArray([.. requests.Select(ToJson)]).ToJsonString());
        process.StandardInput.Close();
        using (var timeout = new CancellationTokenSource(Timeout))
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"iam-evaluate.mjs failed ({process.ExitCode}): {await stderr}");

        var decisions = JsonNode.Parse(await stdout)!.AsArray()
            .Select(d => new IamDecision(
                (bool)d!["allowed"]!,
                (string)d["result"]!,
                [.. (d["errors"]?.AsArray() ?? []).Select(e => (string)e!)]))
            .ToList();
        if (decisions.Count != requests.Count) throw new InvalidOperationException($"{requests.Count} requests, {decisions.Count} decisions.");
        return decisions;
    }

    private static JsonObject ToJson(IamRequest request) => new()
    {
        ["principalArn"] = request.PrincipalArn,
        ["action"] = request.Action,
        ["resourceArn"] = request.ResourceArn,
        ["resourceAccount"] = request.ResourceAccount,
        ["identityPolicies"] = new JsonArray([.. request.IdentityPolicies.Select(p => new JsonObject { ["name"] = p.Name, ["policy"] = p.Policy.DeepClone() })]),
        ["resourcePolicy"] = request.ResourcePolicy?.DeepClone(),
    };
}
