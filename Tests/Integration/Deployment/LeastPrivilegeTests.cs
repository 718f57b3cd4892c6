using System.Text.Json.Nodes;
using Onboarding.Tests.Infrastructure.Deployment;

namespace Onboarding.Tests.Integration.Deployment;

/// <summary>
/// deploy/onboarding.yaml's IAM policies against what the service actually does: every AWS call of a full
/// lifecycle (<see cref="DeployedService"/>) is evaluated by a real IAM evaluator against the service role's
/// policy, every action the policy grants must have been used, and what the service must never do is denied.
/// </summary>
public sealed class LeastPrivilegeTests(DeployedService service) : IClassFixture<DeployedService>
{
    private static DeployedStack Stack => DeployedService.Stack;
    private static string Account => Stack.Account;

    /// <summary>The service's credentials on ECS: a session of its task role.</summary>
    private static string ServicePrincipal => $"arn:aws:sts::{Account}:assumed-role/{Stack.PhysicalName("ServiceRole")}/task";

    private static string PresignerPrincipal => Stack.GetAtt("TemplatePresigner", "Arn");

    private static string Bucket => Stack.PhysicalName("TemplateBucket");
    private static string EventTopic => $"arn:aws:sns:eu-west-1:{Account}:{Stack.Settings()["Whitelist__TopicNamePrefix"]}-eu-west-1-001";

    /// <summary>
    /// Grants the lifecycle does not reach, each with the code that needs it (tested elsewhere against the stand-ins):
    /// evaluated like recorded calls, so each must be allowed on exactly that resource.
    /// </summary>
    private static readonly (string Action, string ResourceArn, string Why)[] NeedsBeyondTheLifecycle =
    [
        ("sqs:ChangeMessageVisibility", Stack.GetAtt("EventsQueue", "Arn"),
            "EventQueuePoller keeps a message hidden while its work outlasts half of Events:VisibilityTimeout, returns one whose "
            + "answer was not delivered after Events:RetryDelay, and holds one through a dependency outage (Events/AnswerAcceptanceTests, Outages/)"),
        ("dynamodb:GetItem", Stack.GetAtt("RemindersTable", "Arn"),
            "a reminder a customer registered before the in-flight sweep is read and removed at its next tick "
            + "(Stalled/StalledOnboardingTests.A_reminder_registered_before_the_sweep_is_dropped_at_its_next_tick)"),
        ("dynamodb:DeleteItem", Stack.GetAtt("RemindersTable", "Arn"),
            "the same removal: a claim (UpdateItem), then DeleteItem on the claimed row"),
    ];

    /// <summary>Calls the service must never be able to make, whatever goes wrong in it.</summary>
    private static readonly (string Action, string ResourceArn)[] Forbidden =
    [
        ("iam:CreateRole", $"arn:aws:iam::{Account}:role/anything"),
        ("iam:PutRolePolicy", Stack.GetAtt("ServiceRole", "Arn")),
        ("iam:PassRole", Stack.GetAtt("ServiceRole", "Arn")),
        // Roles that trust the partner's account but are not customer roles: the partner's own, another customer's admin role.
        ("sts:AssumeRole", Stack.GetAtt("ServiceRole", "Arn")),
        ("sts:AssumeRole", "arn:aws:iam::123456789012:role/OrganizationAccountAccessRole"),
        ("sts:AssumeRole", "arn:aws:iam::123456789012:role/partner-onboarding-lookalike/Admin"),
        ("s3:DeleteBucket", $"arn:aws:s3:::{Bucket}"),
        ("s3:PutBucketPolicy", $"arn:aws:s3:::{Bucket}"),
        ("s3:PutObject", $"arn:aws:s3:::{Bucket}/elsewhere/object"),
        ("s3:GetObject", $"arn:aws:s3:::{Bucket}/templates/123456789012/template.json"),
        ("sqs:DeleteQueue", Stack.GetAtt("EventsQueue", "Arn")),
        ("sqs:PurgeQueue", Stack.GetAtt("EventsQueue", "Arn")),
        ("sqs:CreateQueue", $"arn:aws:sqs:us-east-1:{Account}:another-queue"),
        ("sqs:ReceiveMessage", Stack.GetAtt("EventsDeadLetterQueue", "Arn")),
        ("dynamodb:DeleteTable", Stack.GetAtt("GrainStateTable", "Arn")),
        ("dynamodb:DeleteTable", Stack.GetAtt("RemindersTable", "Arn")),
        ("dynamodb:CreateTable", $"arn:aws:dynamodb:us-east-1:{Account}:table/another-table"),
        ("dynamodb:Scan", Stack.GetAtt("GrainStateTable", "Arn")),
        ("dynamodb:BatchWriteItem", Stack.GetAtt("RemindersTable", "Arn")),
        ("sns:DeleteTopic", EventTopic),
        // Only customers' stacks publish to the event topics.
        ("sns:Publish", EventTopic),
        ("sns:CreateTopic", $"arn:aws:sns:us-east-1:{Account}:another-topic"),
        ("sns:Subscribe", Stack.Ref("NotificationsTopic")),
        ("kms:Decrypt", $"arn:aws:kms:us-east-1:{Account}:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
        ("secretsmanager:GetSecretValue", Stack.Ref("TemplatePresignerSecret")),
    ];

    [Fact]
    public void The_lifecycle_made_only_calls_the_recorder_understands()
    {
        Assert.DoesNotContain(service.Calls.Calls, c => c.Action.StartsWith("unmapped:", StringComparison.Ordinal));
        // It did make them: reads, writes, queue work, topic work and role checks.
        Assert.Contains(service.Calls.Calls, c => c.Action == "sts:AssumeRole");
        Assert.Contains(service.Calls.Calls, c => c.Action == "sqs:SendMessage");
        Assert.Contains(service.Calls.Calls, c => c.Action == "sns:Publish");
    }

    [Fact]
    public async Task Every_AWS_call_the_service_made_or_needs_beyond_the_lifecycle_is_allowed_by_the_service_role()
    {
        var calls = service.Calls.Calls.Concat(NeedsBeyondTheLifecycle.Select(n => new RecordedCall(n.Action, n.ResourceArn))).ToList();

        var decisions = await IamPolicyEvaluator.DecideAsync([.. calls.Select(c => ServiceRequest(c.Action, c.ResourceArn, ServicePolicies()))]);

        var refused = calls.Zip(decisions).Where(p => !p.Second.Allowed).Select(p => $"{p.First} → {p.Second.Result} {string.Join("; ", p.Second.Errors)}");
        Assert.Empty(refused);
    }

    [Fact]
    public async Task Every_action_the_service_role_grants_was_used_on_a_resource_of_its_statement()
    {
        var calls = service.Calls.Calls.Concat(NeedsBeyondTheLifecycle.Select(n => new RecordedCall(n.Action, n.ResourceArn))).ToList();
        var grants = ServicePolicies().SelectMany(p => Statements(p.Policy)).SelectMany(s => Actions(s).Select(a => (Statement: s, Action: a))).ToList();
        var requests = grants.SelectMany(g => calls.Where(c => c.Action == g.Action)
            .Select(c => (g.Statement, g.Action, Request: ServiceRequest(c.Action, c.ResourceArn, [("grant", Only(g.Statement, g.Action))])))).ToList();

        var decisions = await IamPolicyEvaluator.DecideAsync([.. requests.Select(r => r.Request)]);

        var used = requests.Zip(decisions).Where(p => p.Second.Allowed).Select(p => ((string?)p.First.Statement["Sid"], p.First.Action)).ToHashSet();
        var unused = grants.Select(g => ((string?)g.Statement["Sid"], g.Action)).Where(g => !used.Contains(g));
        Assert.Empty(unused);
    }

    [Fact]
    public async Task What_the_service_must_never_do_is_denied()
    {
        var decisions = await IamPolicyEvaluator.DecideAsync([.. Forbidden.Select(f => ServiceRequest(f.Action, f.ResourceArn, ServicePolicies()))]);

        Assert.All(decisions, d => Assert.Empty(d.Errors));
        Assert.Empty(Forbidden.Zip(decisions).Where(p => p.Second.Allowed).Select(p => $"{p.First.Action} on {p.First.ResourceArn}"));
    }

    [Fact]
    public async Task The_presigner_may_read_the_templates_the_customers_downloaded_and_nothing_else()
    {
        var policies = PoliciesOf("TemplatePresigner");
        var reads = service.PresignedCalls.Calls;
        Assert.NotEmpty(reads);
        IamRequest[] forbidden =
        [
            Request(PresignerPrincipal, "s3:PutObject", $"arn:aws:s3:::{Bucket}/templates/x.json", policies),
            Request(PresignerPrincipal, "s3:DeleteObject", $"arn:aws:s3:::{Bucket}/templates/x.json", policies),
            Request(PresignerPrincipal, "s3:ListBucket", $"arn:aws:s3:::{Bucket}", policies),
            Request(PresignerPrincipal, "s3:GetObject", $"arn:aws:s3:::{Bucket}/elsewhere/x.json", policies),
            Request(PresignerPrincipal, "s3:GetObject", "arn:aws:s3:::another-bucket/templates/x.json", policies),
        ];

        var decisions = await IamPolicyEvaluator.DecideAsync([.. reads.Select(r => Request(PresignerPrincipal, r.Action, r.ResourceArn, policies)), .. forbidden]);

        Assert.All(decisions.Take(reads.Count), d => Assert.True(d.Allowed, d.Result));
        Assert.All(decisions.Skip(reads.Count).Zip(forbidden), p => Assert.False(p.First.Allowed, p.Second.ToString()));
    }

    private static IReadOnlyList<(string Name, JsonNode Policy)> ServicePolicies() => PoliciesOf("ServiceRole");

    private static IReadOnlyList<(string Name, JsonNode Policy)> PoliciesOf(string logicalId) =>
        [.. Stack.Template.Properties(logicalId)["Policies"]!.AsArray()
            .Select(p => (Stack.Text(p!["PolicyName"]), Stack.Resolve(p["PolicyDocument"])!))];

    private static IamRequest ServiceRequest(string action, string resourceArn, IReadOnlyList<(string Name, JsonNode Policy)> policies) =>
        Request(ServicePrincipal, action, resourceArn, policies);

    /// <summary>
    /// A request judged on the identity policy alone: a customer's role is another account's, whose trust policy must
    /// also allow, so it is given one that trusts the service (what the customer's trust adds is the identity tests').
    /// </summary>
    private static IamRequest Request(string principal, string action, string resourceArn, IReadOnlyList<(string Name, JsonNode Policy)> policies)
    {
        var call = new RecordedCall(action, resourceArn);
        var resourceAccount = call.ResourceAccount(Account);
        JsonNode? trust = action == "sts:AssumeRole" && resourceAccount != Account
            ? JsonNode.Parse($$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"{{Stack.GetAtt("ServiceRole", "Arn")}}"},"Action":"sts:AssumeRole"}]}""")
            : null;
        return new IamRequest(principal, action, resourceArn, resourceAccount, policies, trust);
    }

    private static IEnumerable<JsonObject> Statements(JsonNode policy) => policy["Statement"] switch
    {
        JsonArray list => list.Select(s => s!.AsObject()),
        JsonObject single => [single],
        _ => [],
    };

    private static IEnumerable<string> Actions(JsonObject statement) => statement["Action"] switch
    {
        JsonArray list => list.Select(a => (string)a!),
        var single => [(string)single!],
    };

    private static JsonNode Only(JsonObject statement, string action)
    {
        var copy = statement.DeepClone().AsObject();
        copy["Action"] = action;
        return new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray(copy) };
    }
}
