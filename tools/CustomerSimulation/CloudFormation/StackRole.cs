using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Onboarding.CustomerSimulation.CloudFormation;

/// <summary>
/// The IAM role a stack creates from the service's template: its ARN, its trust policy exactly as the
/// template renders it (intrinsic functions resolved as CloudFormation resolves them) and its maximum
/// session duration. The CloudFormation simulator registers it with the STS stand-in.
/// </summary>
public sealed record StackRole(string Arn, string TrustPolicyJson, int? MaxSessionDuration)
{
    private const string IamRoleType = "AWS::IAM::Role";

    // As the service renders templates: '+', '&', '<' stay readable (an external id may hold '+').
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Reads the template's one <c>AWS::IAM::Role</c> for <paramref name="stack"/>.</summary>
    /// <exception cref="InvalidOperationException">The template has no role, or several.</exception>
    public static StackRole FromTemplate(string templateJson, LaunchedStack stack)
    {
        var resources = JsonNode.Parse(templateJson)!.AsObject()["Resources"]!.AsObject();
        var roles = resources.Where(r => (string?)r.Value?["Type"] == IamRoleType).ToList();
        if (roles.Count != 1) throw new InvalidOperationException($"The template has {roles.Count} {IamRoleType} resources; the simulator expects exactly one.");
        var (logicalId, role) = (roles[0].Key, roles[0].Value!.AsObject());
        var properties = role["Properties"]?.AsObject() ?? [];

        // The role's name is its RoleName if the template sets one, else the one the stack was launched with.
        var arn = stack.Properties.GetValueOrDefault("RoleArn") ?? stack.RoleArn();
        var name = arn[(arn.LastIndexOf('/') + 1)..];
        var intrinsics = Intrinsics(stack, logicalId, name, arn);
        if (intrinsics.Resolve(properties["RoleName"]) is JsonValue roleName && roleName.TryGetValue(out string? named))
        {
            name = named;
            arn = $"arn:{intrinsics.Partition}:iam::{stack.AccountId}:role{stack.RolePath}{name}";
            intrinsics = Intrinsics(stack, logicalId, name, arn);
        }

        var trust = properties["AssumeRolePolicyDocument"] ?? throw new InvalidOperationException($"The role {logicalId} has no AssumeRolePolicyDocument.");
        // A policy given as text is kept verbatim; one given as JSON is sent as CloudFormation would (resolved, compact).
        var trustPolicy = trust is JsonValue text && text.TryGetValue(out string? verbatim) ? verbatim : intrinsics.Resolve(trust)!.ToJsonString(Compact);
        var maxSession = intrinsics.Resolve(properties["MaxSessionDuration"]) is JsonValue seconds ? int.Parse(seconds.ToString(), CultureInfo.InvariantCulture) : (int?)null;
        return new StackRole(arn, trustPolicy, maxSession);
    }

    private static TemplateIntrinsics Intrinsics(LaunchedStack stack, string roleLogicalId, string roleName, string roleArn) =>
        new(stack.AccountId, stack.Region, StackName(stack.StackId), stack.StackId,
            new Dictionary<string, (string, IReadOnlyDictionary<string, string>)>
            {
                [roleLogicalId] = (roleName, new Dictionary<string, string> { ["Arn"] = roleArn }),
            });

    // arn:aws:cloudformation:<region>:<account>:stack/<name>/<guid>
    private static string StackName(string stackId) => stackId.Split('/') is [_, var name, ..] ? name : stackId;
}
