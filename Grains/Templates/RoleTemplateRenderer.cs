using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Onboarding.Grains.Identifiers;

namespace Onboarding.Grains.Templates;

/// <summary>
/// Renders the customer's CloudFormation template: the cross-account role and the custom resource
/// that tells us, through SNS, that the role exists. Every value is hard-coded (no Parameters) so the
/// customer cannot launch the stack with another external id or token.
/// </summary>
public static class RoleTemplateRenderer
{
    public const string TemplateFormatVersion = "2010-09-09";
    public const string RoleLogicalId = "PartnerAccessRole";
    public const string RegistrationLogicalId = "PartnerRegistration";
    public const string RoleArnOutput = "RoleArn";
    public const string InlinePolicyName = "PartnerInlinePolicy";

    /// <summary>
    /// The IAM path of every customer role. CloudFormation generates the role's name (the customer may rename the
    /// stack), but not its path: the partner's identity policy allows <c>sts:AssumeRole</c> on this path only
    /// (<c>arn:aws:iam::*:role/partner-onboarding/*</c>, deploy/onboarding.yaml), not on every role that trusts its account.
    /// </summary>
    public const string RolePath = "/partner-onboarding/";

    private const string IamRoleType = "AWS::IAM::Role";
    private const string ArnAttribute = "Arn";
    private const string AccountIdPseudoParameter = "AWS::AccountId";

    // No HTML context here: keep '+', '&', '<' readable instead of \u escapes.
    private static readonly JsonSerializerOptions Output = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The role and its custom resource, by logical id: what a template for <paramref name="spec"/> creates (validated).</summary>
    public static JsonObject Resources(RoleTemplateSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        return new JsonObject { [RoleLogicalId] = Role(spec), [RegistrationLogicalId] = Registration(spec) };
    }

    /// <summary>The output that names the role's ARN.</summary>
    public static JsonObject Outputs() => new() { [RoleArnOutput] = new JsonObject { ["Value"] = RoleArn() } };

    /// <summary>Validates <paramref name="spec"/> and returns the template as JSON text.</summary>
    /// <exception cref="ArgumentException">A field is invalid (the exception names it).</exception>
    /// <exception cref="TemplateTooLargeException">The result would exceed 1 MB.</exception>
    public static string Render(RoleTemplateSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var template = new JsonObject
        {
            ["AWSTemplateFormatVersion"] = TemplateFormatVersion,
            ["Description"] = spec.Description,
            ["Resources"] = Resources(spec),
            ["Outputs"] = Outputs(),
        };
        return Text(template, CloudFormationLimits.MaxTemplateBytes);
    }

    /// <summary>The template as JSON text, readable (no \u escapes).</summary>
    /// <exception cref="TemplateTooLargeException">The text exceeds <paramref name="limitBytes"/>.</exception>
    public static string Text(JsonObject template, int limitBytes)
    {
        var text = template.ToJsonString(Output);
        var size = Encoding.UTF8.GetByteCount(text);
        if (size > limitBytes)
        {
            throw new TemplateTooLargeException(size, limitBytes);
        }

        return text;
    }

    private static JsonObject Role(RoleTemplateSpec spec)
    {
        var properties = new JsonObject
        {
            ["Description"] = spec.Description,
            ["Path"] = RolePath,
            ["AssumeRolePolicyDocument"] = TrustPolicy(spec),
            ["MaxSessionDuration"] = CloudFormationLimits.RoleMaxSessionDurationSeconds,
        };

        if (spec.ManagedPolicyArns.Count > 0)
        {
            properties["ManagedPolicyArns"] = new JsonArray([.. spec.ManagedPolicyArns.Select(arn => JsonValue.Create(arn))]);
        }

        if (spec.ParseInlinePolicy() is { } inline)
        {
            properties["Policies"] = new JsonArray(new JsonObject
            {
                ["PolicyName"] = InlinePolicyName,
                ["PolicyDocument"] = inline,
            });
        }

        return new JsonObject { ["Type"] = IamRoleType, ["Properties"] = properties };
    }

    // Only the partner principal, only sts:AssumeRole, only with this customer's external id.
    private static JsonObject TrustPolicy(RoleTemplateSpec spec) => new()
    {
        ["Version"] = IamPolicyVersions.Current,
        ["Statement"] = new JsonArray(new JsonObject
        {
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["AWS"] = spec.TrustedPrincipalArn },
            ["Action"] = "sts:AssumeRole",
            ["Condition"] = new JsonObject
            {
                ["StringEquals"] = new JsonObject { ["sts:ExternalId"] = spec.ExternalId },
            },
        }),
    };

    // The GetAtt on the role makes CloudFormation create the role first.
    private static JsonObject Registration(RoleTemplateSpec spec)
    {
        var properties = new JsonObject
        {
            [CustomResourceProperties.ServiceToken] = spec.ServiceTokenTopicArn,
            [CustomResourceProperties.ServiceTimeout] = spec.ServiceTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
            [CustomResourceProperties.RoleArn] = RoleArn(),
            [CustomResourceProperties.AccountId] = new JsonObject { ["Ref"] = AccountIdPseudoParameter },
            [CustomResourceProperties.ExternalId] = spec.ExternalId,
            [CustomResourceProperties.OnboardingToken] = spec.OnboardingToken,
            [CustomResourceProperties.TemplateVersion] = RoleTemplateVersion.Of(spec.Grants),
        };
        if (spec.OrganizationId is { } organization) properties[CustomResourceProperties.OrganizationId] = organization;
        return new JsonObject { ["Type"] = spec.CustomResourceType, ["Properties"] = properties };
    }

    private static JsonObject RoleArn() => new() { ["Fn::GetAtt"] = new JsonArray(RoleLogicalId, ArnAttribute) };
}
