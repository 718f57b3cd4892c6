using System.Text.Json;
using System.Text.Json.Nodes;
using Onboarding.Grains.Templates;

namespace Onboarding.Tests.Unit.Templates;

public sealed class RoleTemplateRendererTests
{
    private static JsonObject RenderParsed(RoleTemplateSpec spec) =>
        JsonNode.Parse(RoleTemplateRenderer.Render(spec))!.AsObject();

    private static JsonObject Resource(JsonObject template, string logicalId) =>
        template["Resources"]![logicalId]!.AsObject();

    private static string Text(JsonNode? node) => node!.GetValue<string>();

    [Fact]
    public void Header_has_format_version_and_description_and_no_parameters()
    {
        var template = RenderParsed(SampleSpecs.Valid());

        Assert.Equal("2010-09-09", Text(template["AWSTemplateFormatVersion"]));
        Assert.Equal(SampleSpecs.Valid().Description, Text(template["Description"]));
        Assert.False(template.ContainsKey("Parameters"));
        Assert.Equal(["AWSTemplateFormatVersion", "Description", "Resources", "Outputs"], template.Select(p => p.Key));
        Assert.Equal(2, template["Resources"]!.AsObject().Count);
    }

    [Fact]
    public void Role_trusts_only_the_partner_with_the_external_id()
    {
        var role = Resource(RenderParsed(SampleSpecs.Valid()), RoleTemplateRenderer.RoleLogicalId);
        Assert.Equal("AWS::IAM::Role", Text(role["Type"]));

        var trust = role["Properties"]!["AssumeRolePolicyDocument"]!.AsObject();
        Assert.Equal("2012-10-17", Text(trust["Version"]));
        var statement = Assert.Single(trust["Statement"]!.AsArray())!.AsObject();
        Assert.Equal(["Effect", "Principal", "Action", "Condition"], statement.Select(p => p.Key));
        Assert.Equal("Allow", Text(statement["Effect"]));
        Assert.Equal("sts:AssumeRole", Text(statement["Action"]));
        var principal = statement["Principal"]!.AsObject();
        Assert.Equal("AWS", Assert.Single(principal).Key);
        Assert.Equal(SampleSpecs.PartnerRoot, Text(principal["AWS"]));
        var condition = statement["Condition"]!.AsObject();
        var stringEquals = Assert.Single(condition);
        Assert.Equal("StringEquals", stringEquals.Key);
        var externalId = Assert.Single(stringEquals.Value!.AsObject());
        Assert.Equal("sts:ExternalId", externalId.Key);
        Assert.Equal(SampleSpecs.ExternalId, Text(externalId.Value));
    }

    [Fact]
    public void Role_trust_accepts_a_partner_role_arn()
    {
        const string partnerRole = "arn:aws:iam::444455556666:role/onboarding/Auditor";
        var role = Resource(RenderParsed(SampleSpecs.Valid() with { TrustedPrincipalArn = partnerRole }), RoleTemplateRenderer.RoleLogicalId);

        Assert.Equal(partnerRole, Text(role["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]![0]!["Principal"]!["AWS"]));
    }

    [Fact]
    public void Role_has_managed_policies_session_duration_and_description()
    {
        var properties = Resource(RenderParsed(SampleSpecs.Valid()), RoleTemplateRenderer.RoleLogicalId)["Properties"]!.AsObject();

        Assert.Equal([SampleSpecs.SecurityAudit], properties["ManagedPolicyArns"]!.AsArray().Select(Text));
        Assert.Equal(3600, properties["MaxSessionDuration"]!.GetValue<int>());
        Assert.Equal(SampleSpecs.Valid().Description, Text(properties["Description"]));
        Assert.False(properties.ContainsKey("Policies"));
    }

    [Fact]
    public void Role_lives_on_the_fixed_path_the_partners_AssumeRole_permission_names()
    {
        var properties = Resource(RenderParsed(SampleSpecs.Valid()), RoleTemplateRenderer.RoleLogicalId)["Properties"]!.AsObject();

        Assert.Equal("/partner-onboarding/", Text(properties["Path"]));
        Assert.False(properties.ContainsKey("RoleName"), "CloudFormation names the role: a fixed name would collide between two stacks of one account");
    }

    [Fact]
    public void Empty_managed_policies_omit_the_property()
    {
        var properties = Resource(RenderParsed(SampleSpecs.Valid() with { ManagedPolicyArns = [] }), RoleTemplateRenderer.RoleLogicalId)["Properties"]!.AsObject();

        Assert.False(properties.ContainsKey("ManagedPolicyArns"));
    }

    [Fact]
    public void Inline_policy_is_embedded_as_an_object()
    {
        const string inline = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetBucketPolicy"],"Resource":"*"}]}""";
        var properties = Resource(RenderParsed(SampleSpecs.Valid() with { InlinePolicyDocument = inline }), RoleTemplateRenderer.RoleLogicalId)["Properties"]!.AsObject();

        var policy = Assert.Single(properties["Policies"]!.AsArray())!.AsObject();
        Assert.Equal(RoleTemplateRenderer.InlinePolicyName, Text(policy["PolicyName"]));
        Assert.Equal(JsonValueKind.Object, policy["PolicyDocument"]!.GetValueKind());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(inline), policy["PolicyDocument"]));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("""{"Version":"2012-10-17"}""")]
    [InlineData("""{"Version":"2012-10-17","Statement":[]}""")]
    [InlineData("""{"Version":"2020-01-01","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""")]
    public void Invalid_inline_policy_throws_naming_the_field(string inline)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => RoleTemplateRenderer.Render(SampleSpecs.Valid() with { InlinePolicyDocument = inline }));

        Assert.Equal(nameof(RoleTemplateSpec.InlinePolicyDocument), error.ParamName);
    }

    [Fact]
    public void Custom_resource_carries_the_protocol_properties()
    {
        var resource = Resource(RenderParsed(SampleSpecs.Valid()), RoleTemplateRenderer.RegistrationLogicalId);
        Assert.Equal("Custom::PartnerOnboarding", Text(resource["Type"]));

        var properties = resource["Properties"]!.AsObject();
        Assert.Equal(
            [CustomResourceProperties.ServiceToken, CustomResourceProperties.ServiceTimeout, CustomResourceProperties.RoleArn,
             CustomResourceProperties.AccountId, CustomResourceProperties.ExternalId, CustomResourceProperties.OnboardingToken,
             CustomResourceProperties.TemplateVersion],
            properties.Select(p => p.Key));
        Assert.Equal(RoleTemplateVersion.Of(SampleSpecs.Valid().Grants), Text(properties["TemplateVersion"]));
        Assert.Equal(SampleSpecs.TopicArn, Text(properties["ServiceToken"]));
        Assert.Equal(JsonValueKind.String, properties["ServiceTimeout"]!.GetValueKind());
        Assert.Equal("300", Text(properties["ServiceTimeout"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"Fn::GetAtt":["PartnerAccessRole","Arn"]}"""), properties["RoleArn"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"Ref":"AWS::AccountId"}"""), properties["AccountId"]));
        Assert.Equal(SampleSpecs.ExternalId, Text(properties["ExternalId"]));
        Assert.Equal(SampleSpecs.Token, Text(properties["OnboardingToken"]));
    }

    [Fact]
    public void Output_is_the_role_arn()
    {
        var outputs = RenderParsed(SampleSpecs.Valid())["Outputs"]!.AsObject();

        var output = Assert.Single(outputs);
        Assert.Equal(RoleTemplateRenderer.RoleArnOutput, output.Key);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"Value":{"Fn::GetAtt":["PartnerAccessRole","Arn"]}}"""), output.Value));
    }

    [Fact]
    public void Every_intrinsic_function_is_getatt_or_ref_with_a_valid_target()
    {
        const string inline = """{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}}""";
        var template = RenderParsed(SampleSpecs.Valid() with { InlinePolicyDocument = inline });
        var resources = template["Resources"]!.AsObject();
        var found = 0;

        void Visit(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj)
                    {
                        if (key == "Ref")
                        {
                            found++;
                            var target = Text(value);
                            Assert.True(target.StartsWith("AWS::", StringComparison.Ordinal) || resources.ContainsKey(target), $"Ref to unknown {target}");
                        }
                        else if (key == "Fn::GetAtt")
                        {
                            found++;
                            var parts = value!.AsArray();
                            Assert.Equal(2, parts.Count);
                            var logicalId = Text(parts[0]);
                            Assert.True(resources.ContainsKey(logicalId), $"GetAtt on unknown {logicalId}");
                            Assert.Equal("AWS::IAM::Role", Text(resources[logicalId]!["Type"]));
                            Assert.Equal("Arn", Text(parts[1]));
                        }
                        else
                        {
                            Assert.False(key.StartsWith("Fn::", StringComparison.Ordinal), $"Unexpected intrinsic {key}");
                        }

                        Visit(value);
                    }
                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Visit(item);
                    }
                    break;
            }
        }

        Visit(template);
        Assert.Equal(3, found);
    }

    [Theory]
    [InlineData(nameof(RoleTemplateSpec.CustomerAccountId), "12345678901")]
    [InlineData(nameof(RoleTemplateSpec.CustomerAccountId), "12345678901a")]
    [InlineData(nameof(RoleTemplateSpec.ExternalId), "x")]
    [InlineData(nameof(RoleTemplateSpec.ExternalId), "has space")]
    [InlineData(nameof(RoleTemplateSpec.OnboardingToken), "")]
    [InlineData(nameof(RoleTemplateSpec.OnboardingToken), "  ")]
    [InlineData(nameof(RoleTemplateSpec.TrustedPrincipalArn), "arn:aws:iam::444455556666:user/bob")]
    [InlineData(nameof(RoleTemplateSpec.TrustedPrincipalArn), "*")]
    [InlineData(nameof(RoleTemplateSpec.ServiceTokenTopicArn), "arn:aws:sqs:eu-west-1:444455556666:onboarding")]
    [InlineData(nameof(RoleTemplateSpec.ServiceTokenTopicArn), "arn:aws:sns:eu-west-1:4444:onboarding")]
    [InlineData(nameof(RoleTemplateSpec.CustomResourceType), "AWS::CloudFormation::CustomResource2")]
    [InlineData(nameof(RoleTemplateSpec.CustomResourceType), "Custom::ThisNameIsFarTooLongForCloudFormationToAcceptAtAllReally")]
    [InlineData(nameof(RoleTemplateSpec.Description), "emoji \U0001F600 is not allowed")]
    public void Invalid_text_field_throws_naming_the_field(string field, string value)
    {
        var spec = field switch
        {
            nameof(RoleTemplateSpec.CustomerAccountId) => SampleSpecs.Valid() with { CustomerAccountId = value },
            nameof(RoleTemplateSpec.ExternalId) => SampleSpecs.Valid() with { ExternalId = value },
            nameof(RoleTemplateSpec.OnboardingToken) => SampleSpecs.Valid() with { OnboardingToken = value },
            nameof(RoleTemplateSpec.TrustedPrincipalArn) => SampleSpecs.Valid() with { TrustedPrincipalArn = value },
            nameof(RoleTemplateSpec.ServiceTokenTopicArn) => SampleSpecs.Valid() with { ServiceTokenTopicArn = value },
            nameof(RoleTemplateSpec.CustomResourceType) => SampleSpecs.Valid() with { CustomResourceType = value },
            nameof(RoleTemplateSpec.Description) => SampleSpecs.Valid() with { Description = value },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };

        var error = Assert.ThrowsAny<ArgumentException>(() => RoleTemplateRenderer.Render(spec));
        Assert.Equal(field, error.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3601)]
    public void Service_timeout_out_of_range_throws(int seconds)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => RoleTemplateRenderer.Render(SampleSpecs.Valid() with { ServiceTimeoutSeconds = seconds }));

        Assert.Equal(nameof(RoleTemplateSpec.ServiceTimeoutSeconds), error.ParamName);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3600)]
    public void Service_timeout_bounds_are_accepted(int seconds)
    {
        var template = RenderParsed(SampleSpecs.Valid() with { ServiceTimeoutSeconds = seconds });

        Assert.Equal(seconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Text(template["Resources"]![RoleTemplateRenderer.RegistrationLogicalId]!["Properties"]!["ServiceTimeout"]));
    }

    [Fact]
    public void Invalid_managed_policy_arn_throws_naming_the_field()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => RoleTemplateRenderer.Render(SampleSpecs.Valid() with { ManagedPolicyArns = ["SecurityAudit"] }));

        Assert.Equal(nameof(RoleTemplateSpec.ManagedPolicyArns), error.ParamName);
    }

    [Fact]
    public void Template_over_one_megabyte_throws()
    {
        var padding = new string('a', CloudFormationLimits.MaxTemplateBytes);
        var inline = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(new JsonObject { ["Effect"] = "Allow", ["Action"] = "s3:GetObject", ["Resource"] = "arn:aws:s3:::" + padding }),
        }.ToJsonString();

        var error = Assert.Throws<TemplateTooLargeException>(() => RoleTemplateRenderer.Render(SampleSpecs.Valid() with { InlinePolicyDocument = inline }));
        Assert.True(error.SizeBytes > CloudFormationLimits.MaxTemplateBytes);
        Assert.Equal(1_048_576, error.LimitBytes);
    }

    [Fact]
    public void Rendering_is_deterministic()
    {
        Assert.Equal(RoleTemplateRenderer.Render(SampleSpecs.Valid()), RoleTemplateRenderer.Render(SampleSpecs.Valid()));
    }
}
