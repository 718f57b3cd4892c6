using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Onboarding.CustomerSimulation.CloudFormation;

/// <summary>
/// Resolves CloudFormation's intrinsic functions in a template fragment for one stack, as CloudFormation
/// does when it creates the resource: <c>Ref</c> (pseudo parameters and the stack's resources),
/// <c>Fn::GetAtt</c>, <c>Fn::Join</c>, <c>Fn::Sub</c>, <c>Fn::Select</c>, <c>Fn::Split</c>; <c>AWS::NoValue</c>
/// removes the property. Anything else (parameters, conditions, imports) is refused: the service's
/// templates hard-code every value.
/// </summary>
/// <param name="Resources">Logical id → what <c>Ref</c> gives and its attributes (e.g. a role's name and <c>Arn</c>).</param>
public sealed partial record TemplateIntrinsics(
    string AccountId,
    string Region,
    string StackName,
    string StackId,
    IReadOnlyDictionary<string, (string Ref, IReadOnlyDictionary<string, string> Attributes)> Resources)
{
    public string Partition => Region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
        : Region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
        : "aws";

    private string UrlSuffix => Partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";

    /// <summary>A resolved copy of <paramref name="node"/>; null stands for <c>AWS::NoValue</c>.</summary>
    /// <exception cref="NotSupportedException">A function or reference the simulator does not resolve.</exception>
    public JsonNode? Resolve(JsonNode? node) => node switch
    {
        JsonObject { Count: 1 } function when function.First().Key is var name && (name == "Ref" || name.StartsWith("Fn::", StringComparison.Ordinal)) =>
            Call(name, function.First().Value),
        JsonObject obj => ResolveObject(obj),
        JsonArray array => new JsonArray([.. array.Select(Resolve).Where(item => item is not null)]),
        _ => node?.DeepClone(),
    };

    private JsonObject ResolveObject(JsonObject obj)
    {
        var resolved = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (Resolve(value) is { } item) resolved[key] = item;
        }
        return resolved;
    }

    private JsonNode? Call(string name, JsonNode? argument) => name switch
    {
        "Ref" when Text(argument) == "AWS::NoValue" => null,
        "Ref" => Reference(Text(argument)),
        "Fn::GetAtt" => Attribute(argument is JsonArray pair ? $"{Text(Resolve(pair[0]))}.{Text(Resolve(pair[1]))}" : Text(argument)),
        "Fn::Join" => string.Join(Text(Arguments(argument, 2)[0]), List(Resolve(Arguments(argument, 2)[1])).Select(Text)),
        "Fn::Sub" => Substitute(argument),
        "Fn::Select" => List(Resolve(Arguments(argument, 2)[1]))[int.Parse(Text(Resolve(Arguments(argument, 2)[0])), CultureInfo.InvariantCulture)]?.DeepClone(),
        "Fn::Split" => new JsonArray([.. Text(Resolve(Arguments(argument, 2)[1])).Split(Text(Arguments(argument, 2)[0])).Select(part => JsonValue.Create(part))]),
        _ => throw new NotSupportedException($"{name} is not resolved by the CloudFormation simulator."),
    };

    private string Reference(string name) => name switch
    {
        "AWS::AccountId" => AccountId,
        "AWS::Region" => Region,
        "AWS::Partition" => Partition,
        "AWS::StackName" => StackName,
        "AWS::StackId" => StackId,
        "AWS::URLSuffix" => UrlSuffix,
        _ when Resources.TryGetValue(name, out var resource) => resource.Ref,
        _ => throw new NotSupportedException($"Ref {name} is not resolved by the CloudFormation simulator (only pseudo parameters and the stack's own resources)."),
    };

    private string Attribute(string dotted)
    {
        var dot = dotted.IndexOf('.');
        if (dot > 0 && Resources.TryGetValue(dotted[..dot], out var resource) && resource.Attributes.TryGetValue(dotted[(dot + 1)..], out var value))
            return value;
        throw new NotSupportedException($"Fn::GetAtt {dotted} is not resolved by the CloudFormation simulator.");
    }

    // "${AWS::AccountId}", "${Role.Arn}", "${Var}" from the optional map, "${!Literal}" kept as "${Literal}".
    private string Substitute(JsonNode? argument)
    {
        var (template, variables) = argument is JsonArray
            ? (Text(Arguments(argument, 2)[0]), Arguments(argument, 2)[1] as JsonObject ?? [])
            : (Text(argument), []);
        return SubstitutionPattern().Replace(template, match =>
        {
            var name = match.Groups["name"].Value;
            if (name.StartsWith('!')) return "${" + name[1..] + "}";
            if (variables[name] is { } variable) return Text(Resolve(variable));
            return name.Contains('.') && !name.StartsWith("AWS::", StringComparison.Ordinal) ? Attribute(name) : Reference(name);
        });
    }

    private static JsonArray Arguments(JsonNode? argument, int count) =>
        argument is JsonArray { Count: var n } array && n == count ? array : throw new NotSupportedException($"Expected {count} arguments, got {argument?.ToJsonString()}.");

    private static JsonArray List(JsonNode? node) =>
        node as JsonArray ?? throw new NotSupportedException($"Expected a list, got {node?.ToJsonString()}.");

    private static string Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out string? text) ? text
        : node is JsonValue scalar ? scalar.ToJsonString()
        : throw new NotSupportedException($"Expected a string, got {node?.ToJsonString()}.");

    [GeneratedRegex(@"\$\{(?<name>[^}]+)\}")]
    private static partial Regex SubstitutionPattern();
}
