using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Onboarding.Tests.Infrastructure.Deployment;

/// <summary>deploy/onboarding.yaml, the partner's infrastructure, in its JSON form (<see cref="CloudFormationYaml"/>).</summary>
public sealed class DeploymentTemplate(JsonObject root)
{
    public static string FilePath { get; } = Path.Combine(LocalAwsStandIns.RepositoryRoot, "deploy", "onboarding.yaml");

    public static DeploymentTemplate Load() => new(CloudFormationYaml.Parse(File.ReadAllText(FilePath)));

    public JsonObject Root { get; } = root;

    public JsonObject Resources => Root["Resources"]!.AsObject();

    public JsonObject Resource(string logicalId) =>
        Resources[logicalId]?.AsObject() ?? throw new KeyNotFoundException($"deploy/onboarding.yaml has no resource '{logicalId}'.");

    public JsonObject Properties(string logicalId) => Resource(logicalId)["Properties"]!.AsObject();

    public string TypeOf(string logicalId) => (string)Resource(logicalId)["Type"]!;

    /// <summary>The logical ids of the resources of <paramref name="type"/>, in template order.</summary>
    public IReadOnlyList<string> OfType(string type) =>
        [.. Resources.Where(r => (string?)r.Value?["Type"] == type).Select(r => r.Key)];

    /// <summary>Resources created whatever the parameters (no <c>Condition</c>): what the service itself needs.</summary>
    public IReadOnlyList<string> Unconditional =>
        [.. Resources.Where(r => r.Value!["Condition"] is null).Select(r => r.Key)];

    /// <summary>A stack of this template in <paramref name="account"/> and <paramref name="region"/>, its parameters at their defaults unless given.</summary>
    public DeployedStack Deploy(string account, string region, IReadOnlyDictionary<string, string>? parameters = null) =>
        new(this, account, region, parameters ?? new Dictionary<string, string>());
}

/// <summary>
/// What a stack of <see cref="DeploymentTemplate"/> resolves to: the names and ARNs of its resources and the values
/// of its intrinsic functions, as CloudFormation computes them (for the resource types the template uses).
/// </summary>
public sealed partial class DeployedStack(DeploymentTemplate template, string account, string region, IReadOnlyDictionary<string, string> parameters)
{
    public const string Partition = "aws";

    public DeploymentTemplate Template { get; } = template;
    public string Account { get; } = account;
    public string Region { get; } = region;

    public string Parameter(string name) =>
        parameters.TryGetValue(name, out var given) ? given
        : (string?)Template.Root["Parameters"]?[name]?["Default"] ?? throw new KeyNotFoundException($"No parameter '{name}' (or it has no default).");

    /// <summary>The physical name a resource of that type gets from its name property.</summary>
    public string PhysicalName(string logicalId) => Text(Template.Properties(logicalId)[NameProperty(Template.TypeOf(logicalId))]);

    /// <summary>What <c>Ref</c> gives for a parameter, pseudo parameter or resource.</summary>
    public string Ref(string name) => name switch
    {
        "AWS::AccountId" => Account,
        "AWS::Region" => Region,
        "AWS::Partition" => Partition,
        "AWS::StackName" => "onboarding-stack",
        _ when Template.Resources.ContainsKey(name) => ResourceRef(name),
        _ => Parameter(name),
    };

    /// <summary>What <c>Fn::GetAtt</c> gives.</summary>
    public string GetAtt(string logicalId, string attribute) => (Template.TypeOf(logicalId), attribute) switch
    {
        ("AWS::DynamoDB::Table", "Arn") => $"arn:{Partition}:dynamodb:{Region}:{Account}:table/{PhysicalName(logicalId)}",
        ("AWS::S3::Bucket", "Arn") => $"arn:{Partition}:s3:::{PhysicalName(logicalId)}",
        ("AWS::SQS::Queue", "Arn") => $"arn:{Partition}:sqs:{Region}:{Account}:{PhysicalName(logicalId)}",
        ("AWS::SQS::Queue", "QueueName") => PhysicalName(logicalId),
        ("AWS::SQS::Queue", "QueueUrl") => ResourceRef(logicalId),
        ("AWS::SNS::Topic", "TopicName") => PhysicalName(logicalId),
        ("AWS::SNS::Topic", "TopicArn") => ResourceRef(logicalId),
        ("AWS::IAM::Role", "Arn") => $"arn:{Partition}:iam::{Account}:role{PathOf(logicalId)}{PhysicalName(logicalId)}",
        ("AWS::IAM::User", "Arn") => $"arn:{Partition}:iam::{Account}:user{PathOf(logicalId)}{PhysicalName(logicalId)}",
        ("AWS::IAM::AccessKey", "SecretAccessKey") => "secret-access-key-of-" + logicalId,
        ("AWS::ElastiCache::ReplicationGroup", "PrimaryEndPoint.Address") => $"master.{logicalId.ToLowerInvariant()}.abc123.use1.cache.amazonaws.com",
        ("AWS::ElastiCache::ReplicationGroup", "PrimaryEndPoint.Port") => "6379",
        var (type, _) => throw new NotSupportedException($"Fn::GetAtt {logicalId}.{attribute} ({type}) is not modelled by the test's stack."),
    };

    /// <summary>Resolves every intrinsic function in <paramref name="node"/> (a copy; the template is not changed).</summary>
    public JsonNode? Resolve(JsonNode? node) => node switch
    {
        JsonObject { Count: 1 } function when function.First() is var (name, argument) && IsFunction(name) => Call(name, argument),
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Resolve(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Resolve)]),
        _ => node?.DeepClone(),
    };

    /// <summary>The setting values the outputs give: each output described "Section__Key: ...", by that key.</summary>
    public IReadOnlyDictionary<string, string> Settings()
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, output) in Template.Root["Outputs"]!.AsObject())
        {
            if (output!["Condition"] is not null) continue;
            var match = SettingDescription().Match((string?)output["Description"] ?? "");
            if (match.Success) settings[match.Groups["key"].Value] = Text(output["Value"]);
        }
        return settings;
    }

    /// <summary>A resolved value as text.</summary>
    public string Text(JsonNode? node) => Resolve(node) is JsonValue value ? value.ToString() : throw new InvalidOperationException($"'{node?.ToJsonString()}' does not resolve to text.");

    private static bool IsFunction(string name) => name == "Ref" || name.StartsWith("Fn::", StringComparison.Ordinal);

    private JsonNode? Call(string name, JsonNode? argument) => name switch
    {
        "Ref" => Ref(Text(argument)),
        "Fn::GetAtt" => GetAtt(Text(argument![0]), Text(argument[1])),
        "Fn::Sub" => Substitute(argument),
        "Fn::Join" => string.Join(Text(argument![0]), List(argument[1])),
        "Fn::Split" => new JsonArray([.. Text(argument![1]).Split(Text(argument[0])).Select(s => JsonValue.Create(s))]),
        "Fn::Select" => List(argument![1])[int.Parse(Text(argument[0]))],
        _ => throw new NotSupportedException($"{name} is not modelled by the test's stack."),
    };

    private List<string> List(JsonNode? node) => Resolve(node) switch
    {
        JsonArray array => [.. array.Select(item => item!.ToString())],
        // A CommaDelimitedList parameter resolves to its text.
        JsonValue value => [.. value.ToString().Split(',')],
        var other => throw new InvalidOperationException($"'{other?.ToJsonString()}' is not a list."),
    };

    private string Substitute(JsonNode? argument)
    {
        var (text, variables) = argument is JsonArray pair
            ? (Text(pair[0]), pair[1]!.AsObject())
            : (Text(argument), new JsonObject());
        return Placeholder().Replace(text, match =>
        {
            var name = match.Groups["name"].Value;
            if (name.StartsWith('!')) return "${" + name[1..] + "}";
            if (variables.ContainsKey(name)) return Text(variables[name]);
            var dot = name.IndexOf('.');
            return dot > 0 && Template.Resources.ContainsKey(name[..dot]) ? GetAtt(name[..dot], name[(dot + 1)..]) : Ref(name);
        });
    }

    private string ResourceRef(string logicalId) => Template.TypeOf(logicalId) switch
    {
        "AWS::SQS::Queue" => $"https://sqs.{Region}.amazonaws.com/{Account}/{PhysicalName(logicalId)}",
        "AWS::SNS::Topic" => $"arn:{Partition}:sns:{Region}:{Account}:{PhysicalName(logicalId)}",
        "AWS::IAM::AccessKey" => "AKIAEXAMPLEPRESIGNER",
        "AWS::SecretsManager::Secret" => $"arn:{Partition}:secretsmanager:{Region}:{Account}:secret:{PhysicalName(logicalId)}-AbCdEf",
        _ => PhysicalName(logicalId),
    };

    private string PathOf(string logicalId) => Template.Properties(logicalId)["Path"] is { } path ? Text(path) : "/";

    private static string NameProperty(string type) => type switch
    {
        "AWS::DynamoDB::Table" => "TableName",
        "AWS::S3::Bucket" => "BucketName",
        "AWS::SQS::Queue" => "QueueName",
        "AWS::SNS::Topic" => "TopicName",
        "AWS::IAM::Role" => "RoleName",
        "AWS::IAM::User" => "UserName",
        "AWS::SecretsManager::Secret" => "Name",
        _ => throw new NotSupportedException($"The test's stack does not know the name property of {type}."),
    };

    [GeneratedRegex(@"\$\{(?<name>[^}]+)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^(?<key>[A-Za-z][A-Za-z0-9]*(__[A-Za-z0-9]+)+): ")]
    private static partial Regex SettingDescription();
}
