using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Onboarding.Tests.Infrastructure.Deployment;

/// <summary>
/// Reads a CloudFormation template written in YAML into its JSON form, as CloudFormation does: the short-form tags
/// (<c>!Ref</c>, <c>!GetAtt</c>, <c>!Sub</c>, ...) become their long forms (<c>{"Ref": ...}</c>, <c>{"Fn::GetAtt": [..]}</c>).
/// Scalars stay text: every value CloudFormation passes on is a string anyway.
/// </summary>
public static class CloudFormationYaml
{
    // The intrinsic functions and condition functions that have a short form.
    private static readonly HashSet<string> Functions = new(StringComparer.Ordinal)
    {
        "Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs", "ImportValue", "Join", "Select", "Split", "Sub", "Transform",
        "And", "Equals", "If", "Not", "Or", "Contains", "EachMemberEquals", "EachMemberIn", "RefAll", "ValueOf", "ValueOfAll",
    };

    public static JsonObject Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(stream.Documents.Single().RootNode) as JsonObject
            ?? throw new FormatException("The template is not a YAML mapping.");
    }

    private static JsonNode? Convert(YamlNode node)
    {
        var value = node switch
        {
            YamlMappingNode mapping => new JsonObject(mapping.Children.Select(c => KeyValuePair.Create(Key(c.Key), Convert(c.Value)))),
            YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(Convert)]),
            YamlScalarNode scalar => (JsonNode?)JsonValue.Create(scalar.Value ?? ""),
            _ => throw new FormatException($"Unsupported YAML node {node.GetType().Name} at {node.Start}."),
        };
        return node.Tag.IsEmpty || node.Tag.IsNonSpecific ? value : LongForm(node.Tag.Value, value, node);
    }

    private static string Key(YamlNode key) =>
        (key as YamlScalarNode)?.Value ?? throw new FormatException($"A mapping key at {key.Start} is not a scalar.");

    private static JsonObject LongForm(string tag, JsonNode? value, YamlNode node)
    {
        var name = tag.TrimStart('!');
        if (name == "Ref" || name == "Condition") return new JsonObject { [name] = value };
        if (name == "GetAtt" && value is JsonValue dotted)
        {
            // !GetAtt Resource.Attribute.With.Dots: the resource is up to the first dot.
            var text = dotted.GetValue<string>();
            var dot = text.IndexOf('.');
            if (dot <= 0) throw new FormatException($"!GetAtt '{text}' at {node.Start} names no attribute.");
            return new JsonObject { ["Fn::GetAtt"] = new JsonArray(text[..dot], text[(dot + 1)..]) };
        }
        if (Functions.Contains(name)) return new JsonObject { ["Fn::" + name] = value };
        throw new FormatException($"Unknown CloudFormation tag '{tag}' at {node.Start}.");
    }
}
