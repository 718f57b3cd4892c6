using System.Text.Json.Nodes;
using Onboarding.Grains.Templates;
using Onboarding.Tests.Unit.Templates;

namespace Onboarding.Tests.Unit.Simulation;

public sealed class StackRoleTests
{
    private const string Account = "210987654321";

    [Fact]
    public void The_role_of_a_rendered_template_keeps_its_path_its_trust_policy_exactly_and_its_session_limit()
    {
        var template = RoleTemplateRenderer.Render(SampleSpecs.Valid());
        var stack = LaunchedStack.FromTemplate(template, Account, "eu-west-1", roleName: "Custom-Name");

        var role = StackRole.FromTemplate(template, stack);

        Assert.Equal($"arn:aws:iam::{Account}:role/partner-onboarding/Custom-Name", role.Arn);
        var rendered = JsonNode.Parse(template)!["Resources"]![RoleTemplateRenderer.RoleLogicalId]!["Properties"]!;
        Assert.True(JsonNode.DeepEquals(rendered["AssumeRolePolicyDocument"], JsonNode.Parse(role.TrustPolicyJson)), role.TrustPolicyJson);
        Assert.Contains(SampleSpecs.ExternalId, role.TrustPolicyJson);
        Assert.Equal((int)rendered["MaxSessionDuration"]!, role.MaxSessionDuration);
    }

    [Fact]
    public void Intrinsic_functions_in_the_trust_policy_and_the_role_name_are_resolved_as_CloudFormation_does()
    {
        var template = """
            {"Resources":{
              "Role":{"Type":"AWS::IAM::Role","Properties":{
                "RoleName":{"Fn::Sub":"audit-${AWS::Region}"},
                "AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{
                  "Effect":"Allow","Action":"sts:AssumeRole",
                  "Principal":{"AWS":{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":iam::444455556666:root"]]}},
                  "Condition":{"StringEquals":{"sts:ExternalId":{"Fn::Select":[1,{"Fn::Split":["|","a|ext-1|c"]}]}},
                               "ArnEquals":{"aws:SourceArn":{"Fn::Sub":["${Self}/${!Literal}",{"Self":{"Fn::GetAtt":["Role","Arn"]}}]}}},
                  "Sid":{"Ref":"AWS::NoValue"}}]}}},
              "Registration":{"Type":"Custom::X","Properties":{"ServiceToken":"arn:aws:sns:cn-north-1:444455556666:t","RoleArn":{"Fn::GetAtt":["Role","Arn"]}}}}}
            """;
        var stack = LaunchedStack.FromTemplate(template, Account, "cn-north-1");

        var role = StackRole.FromTemplate(template, stack);

        Assert.Equal($"arn:aws-cn:iam::{Account}:role/audit-cn-north-1", role.Arn);
        var statement = JsonNode.Parse(role.TrustPolicyJson)!["Statement"]![0]!.AsObject();
        Assert.Equal("arn:aws-cn:iam::444455556666:root", (string?)statement["Principal"]!["AWS"]);
        Assert.Equal("ext-1", (string?)statement["Condition"]!["StringEquals"]!["sts:ExternalId"]);
        Assert.Equal(role.Arn + "/${Literal}", (string?)statement["Condition"]!["ArnEquals"]!["aws:SourceArn"]);
        Assert.False(statement.ContainsKey("Sid"));
        Assert.Null(role.MaxSessionDuration);
    }

    [Fact]
    public void A_function_the_simulator_cannot_resolve_is_named_in_the_error()
    {
        var template = """
            {"Resources":{
              "Role":{"Type":"AWS::IAM::Role","Properties":{"AssumeRolePolicyDocument":{"Fn::If":["c",{},{}]}}},
              "Registration":{"Type":"Custom::X","Properties":{"ServiceToken":"arn:aws:sns:us-east-1:444455556666:t"}}}}
            """;
        var stack = LaunchedStack.FromTemplate(template, Account, "us-east-1");

        var error = Assert.Throws<NotSupportedException>(() => StackRole.FromTemplate(template, stack));
        Assert.Contains("Fn::If", error.Message);
    }
}
