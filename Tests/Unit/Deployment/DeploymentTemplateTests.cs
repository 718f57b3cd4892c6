using System.Globalization;
using System.Text.Json.Nodes;
using Onboarding.Grains.Customers;
using Onboarding.Grains.Templates;
using Onboarding.Silo.Aws;
using Onboarding.Silo.Configuration;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Infrastructure.Deployment;

namespace Onboarding.Tests.Unit.Deployment;

/// <summary>deploy/onboarding.yaml read as CloudFormation reads it, against the service's own definitions and shipped settings.</summary>
public sealed class DeploymentTemplateTests
{
    private const string Account = "111122223333";
    private static readonly DeploymentTemplate Template = DeploymentTemplate.Load();
    private static readonly DeployedStack Stack = Template.Deploy(Account, "eu-west-1");

    [Fact]
    public void The_outputs_give_every_resource_setting_and_with_the_default_name_they_are_the_shipped_defaults()
    {
        var settings = Stack.Settings();
        var shipped = ShippedSettings.Silo();

        foreach (var property in typeof(ResourceOptions).GetProperties())
        {
            var key = $"{ResourceOptions.SectionName}__{property.Name}";
            Assert.True(settings.ContainsKey(key), $"no output gives {key}");
            // The bucket's name is global, so it has no shipped default: the account and region make it unique.
            var expected = property.Name == nameof(ResourceOptions.TemplateBucket)
                ? $"onboarding-templates-{Account}-eu-west-1"
                : shipped[$"{ResourceOptions.SectionName}:{property.Name}"];
            Assert.Equal(expected, settings[key]);
        }
        Assert.Equal(shipped["Whitelist:TopicNamePrefix"], settings["Whitelist__TopicNamePrefix"]);
        Assert.Equal(Account, settings["Onboarding__PartnerAccountId"]);
        Assert.Equal("eu-west-1", settings["Aws__Region"]);
        Assert.Equal($"arn:aws:iam::{Account}:role/onboarding-service", settings["Onboarding__TrustedPrincipalArn"]);
        Assert.Equal("AccessKey", settings["Templates__Presigning__Credentials"]);
    }

    [Fact]
    public void Another_service_name_renames_every_resource_and_the_settings_follow()
    {
        var other = Template.Deploy(Account, "eu-west-1", new Dictionary<string, string> { ["ServiceName"] = "acme" }).Settings();

        Assert.Equal("acme-grain-state", other["Resources__GrainStateTable"]);
        Assert.Equal("acme-events-dlq", other["Resources__EventsDeadLetterQueue"]);
        Assert.Equal("acme-events", other["Whitelist__TopicNamePrefix"]);
        Assert.Equal($"arn:aws:iam::{Account}:role/acme-service", other["Onboarding__TrustedPrincipalArn"]);
    }

    [Fact]
    public void The_queue_policy_is_exactly_the_statement_the_service_writes_so_it_finds_it_in_place()
    {
        var queueArn = Stack.GetAtt("EventsQueue", "Arn");
        var policy = Stack.Resolve(Template.Properties("EventsQueuePolicy")["PolicyDocument"])!.ToJsonString();
        var anEventTopic = $"arn:aws:sns:ap-south-1:{Account}:{Stack.Settings()["Whitelist__TopicNamePrefix"]}-ap-south-1-007";

        var change = EventsQueuePolicy.Ensure(policy, queueArn, EventsQueuePolicy.SourceArnPattern(anEventTopic, Stack.Settings()["Whitelist__TopicNamePrefix"]));

        Assert.Null(change);
        Assert.Equal([Stack.Ref("EventsQueue")], Stack.Resolve(Template.Properties("EventsQueuePolicy")["Queues"])!.AsArray().Select(q => (string)q!));
    }

    [Fact]
    public void The_redrive_policy_sends_to_the_dead_letter_queue_after_the_shipped_receive_count()
    {
        var redrive = Stack.Resolve(Template.Properties("EventsQueue")["RedrivePolicy"])!;

        Assert.Equal(Stack.GetAtt("EventsDeadLetterQueue", "Arn"), (string?)redrive["deadLetterTargetArn"]);
        Assert.Equal(ShippedSettings.Silo()["Resources:EventsMaxReceiveCount"], (string?)redrive["maxReceiveCount"]);
        Assert.Equal((string?)redrive["maxReceiveCount"], Stack.Settings()["Resources__EventsMaxReceiveCount"]);
    }

    [Fact]
    public void The_template_bucket_is_private_encrypted_without_KMS_and_expires_templates_only_after_abandonment()
    {
        var bucket = Stack.Resolve(Template.Properties("TemplateBucket"))!;
        var shipped = ShippedSettings.Silo();

        Assert.All(bucket["PublicAccessBlockConfiguration"]!.AsObject(), flag => Assert.Equal("true", (string?)flag.Value));
        Assert.Equal("BucketOwnerEnforced", (string?)bucket["OwnershipControls"]!["Rules"]![0]!["ObjectOwnership"]);
        // SSE-S3, which the service's PutObject asks for (S3TemplateStore): no KMS key, so no kms permission is needed.
        Assert.Equal("AES256", (string?)bucket["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0]!["ServerSideEncryptionByDefault"]!["SSEAlgorithm"]);
        var rule = Assert.Single(bucket["LifecycleConfiguration"]!["Rules"]!.AsArray())!;
        Assert.Equal(shipped["Onboarding:TemplateKeyPrefix"], (string?)rule["Prefix"]);
        var expiry = TimeSpan.FromDays(int.Parse((string)rule["ExpirationInDays"]!, CultureInfo.InvariantCulture));
        var abandonAfter = shipped["Stalled:AbandonAfter"] is { } set ? TimeSpan.Parse(set, CultureInfo.InvariantCulture) : new StalledOnboardingOptions().AbandonAfter;
        Assert.True(expiry > abandonAfter, $"templates expire after {expiry}, before abandonment ({abandonAfter})");
        // Plain HTTP is refused for everyone (presigned URLs are https).
        var deny = Assert.Single(Stack.Resolve(Template.Properties("TemplateBucketPolicy")["PolicyDocument"])!["Statement"]!.AsArray())!;
        Assert.Equal("Deny", (string?)deny["Effect"]);
        Assert.Equal("false", (string?)deny["Condition"]!["Bool"]!["aws:SecureTransport"]);
    }

    [Fact]
    public void The_service_role_keeps_its_name_and_outlives_the_stack_and_assumes_only_customer_roles_on_their_path()
    {
        var role = Template.Resource("ServiceRole");
        Assert.Equal("Retain", (string?)role["DeletionPolicy"]);
        Assert.Equal("Retain", (string?)role["UpdateReplacePolicy"]);
        Assert.Equal("onboarding-service", Stack.PhysicalName("ServiceRole"));
        var trust = Stack.Resolve(role["Properties"]!["AssumeRolePolicyDocument"])!["Statement"]![0]!;
        Assert.Equal("ecs-tasks.amazonaws.com", (string?)trust["Principal"]!["Service"]);

        var statements = ServiceStatements();
        var assume = Assert.Single(statements, s => Actions(s).Contains("sts:AssumeRole"));
        Assert.Equal($"arn:aws:iam::*:role{RoleTemplateRenderer.RolePath}*", (string?)assume["Resource"]);
        Assert.All(statements, s => Assert.DoesNotContain(Actions(s), a => a.Contains('*') || a.StartsWith("kms:", StringComparison.Ordinal) || a.StartsWith("iam:", StringComparison.Ordinal)));
        Assert.All(statements, s => Assert.NotEqual("*", (string?)s["Resource"]));
    }

    [Fact]
    public void The_state_tables_outlive_the_stack()
    {
        foreach (var table in Template.OfType("AWS::DynamoDB::Table"))
        {
            Assert.Equal("Retain", (string?)Template.Resource(table)["DeletionPolicy"]);
            Assert.Equal("true", (string?)Template.Properties(table)["PointInTimeRecoverySpecification"]!["PointInTimeRecoveryEnabled"]);
        }
    }

    [Fact]
    public void The_runtime_is_optional_and_the_service_needs_none_of_it()
    {
        var runtime = Template.Resources.Where(r => r.Value!["Condition"] is not null).Select(r => r.Key).ToList();

        Assert.All(runtime, r => Assert.Equal("Runtime", (string?)Template.Resource(r)["Condition"]));
        Assert.Contains("SiloService", runtime);
        Assert.Contains("Redis", runtime);
        Assert.DoesNotContain(Template.Unconditional, r => References(Template.Resource(r)).Any(runtime.Contains));
    }

    private static List<JsonObject> ServiceStatements() =>
        [.. Stack.Resolve(Template.Properties("ServiceRole")["Policies"])!.AsArray()
            .SelectMany(p => p!["PolicyDocument"]!["Statement"]!.AsArray()).Select(s => s!.AsObject())];

    private static string[] Actions(JsonObject statement) => statement["Action"] is JsonArray list
        ? [.. list.Select(a => (string)a!)]
        : [(string)statement["Action"]!];

    // Every logical id a resource names through Ref, GetAtt or ${...}.
    private static IEnumerable<string> References(JsonNode? node) => node switch
    {
        JsonObject obj when obj["Ref"] is JsonValue target => [(string)target!],
        JsonObject obj when obj["Fn::GetAtt"] is JsonArray target => [(string)target[0]!],
        JsonObject obj => obj.SelectMany(p => References(p.Value)),
        JsonArray array => array.SelectMany(References),
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String =>
            System.Text.RegularExpressions.Regex.Matches((string)value!, @"\$\{(\w+)").Select(m => m.Groups[1].Value),
        _ => [],
    };
}
