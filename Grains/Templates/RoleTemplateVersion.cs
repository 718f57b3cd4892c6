using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Onboarding.Grains.Templates;

/// <summary>
/// What a customer's template grants, and nothing that differs between customers (external id, token, topic): two
/// customers rendered from the same settings get the same grants, so the same version.
/// </summary>
public sealed record RoleTemplateGrants(
    IReadOnlyList<string> ManagedPolicyArns,
    string? InlinePolicyDocument,
    string TrustedPrincipalArn,
    string CustomResourceType,
    int ServiceTimeoutSeconds)
{
    public static RoleTemplateGrants From(RoleTemplateOptions options, string trustedPrincipalArn) => new(
        options.ManagedPolicyArns, options.InlinePolicyDocument, trustedPrincipalArn, options.CustomResourceType, options.ServiceTimeoutSeconds);
}

/// <summary>
/// The version of a rendered template: a hash of its <see cref="RoleTemplateGrants"/> and of <see cref="RendererVersion"/>.
/// Carried by the template's custom resource (<see cref="CustomResourceProperties.TemplateVersion"/>), so every Create
/// and Update tells the service what the stack runs; a customer whose stack runs another version than the settings'
/// is outdated.
/// </summary>
public static class RoleTemplateVersion
{
    /// <summary>Raise it when the renderer changes what a template grants on its own (a new resource, another trust policy shape).</summary>
    public const int RendererVersion = 1;

    private const int HashHexLength = 16;

    /// <summary>"v1-" and 16 hex digits of SHA-256 over the grants in a canonical form (policy order and JSON layout do not count).</summary>
    public static string Of(RoleTemplateGrants grants)
    {
        ArgumentNullException.ThrowIfNull(grants);
        var canonical = new JsonObject
        {
            ["renderer"] = RendererVersion,
            ["managedPolicyArns"] = new JsonArray([.. grants.ManagedPolicyArns.Order(StringComparer.Ordinal).Select(arn => JsonValue.Create(arn))]),
            ["inlinePolicy"] = Canonical(grants.InlinePolicyDocument),
            ["trustedPrincipal"] = grants.TrustedPrincipalArn,
            ["customResourceType"] = grants.CustomResourceType,
            ["serviceTimeoutSeconds"] = grants.ServiceTimeoutSeconds,
        };
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToJsonString()));
        return $"v{RendererVersion}-{Convert.ToHexStringLower(hash)[..HashHexLength]}";
    }

    // Whitespace in the setting is no change of what it grants; text that is no JSON is hashed as it is (validation refuses it elsewhere).
    private static JsonNode? Canonical(string? document)
    {
        if (string.IsNullOrWhiteSpace(document)) return null;
        try
        {
            return JsonNode.Parse(document);
        }
        catch (JsonException)
        {
            return JsonValue.Create(document);
        }
    }
}
