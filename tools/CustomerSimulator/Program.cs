using Amazon.Runtime;
using System.Text.Json;
using Amazon.S3;
using Microsoft.Extensions.Options;
using Onboarding.CustomerSimulation.CloudFormation;
using Onboarding.CustomerSimulation.Customers;
using Onboarding.CustomerSimulation.LocalAws;
using Onboarding.CustomerSimulator;
using Onboarding.Silo.Aws.Sns;

// Plays the customer's side of an onboarding against a running service (./run.sh): the customer opens
// the launch link, "creates" the role, and CloudFormation talks to the service over SNS and S3.
var (options, problems) = SimulatorOptions.Parse(args);
if (problems.Count > 0)
{
    foreach (var problem in problems) Console.Error.WriteLine($"error: {problem}");
    Console.Error.WriteLine(SimulatorOptions.Usage);
    return 2;
}

// The stand-ins accept any signature but tell accounts apart by access key: CloudFormation's answer bucket
// is the owner's, and the stack's requests are published as the customer's account (its topic policy must admit it).
var credentials = new BasicAWSCredentials("local", "local");
using var s3 = new AmazonS3Client(credentials, new AmazonS3Config { ServiceURL = options.Aws.ToString(), AuthenticationRegion = "us-east-1", ForcePathStyle = true });
using var sns = new SnsClient(credentials, Options.Create(new SnsClientOptions { ServiceUrl = options.Aws }));
using var accounts = new AccountSnsClients(options.Aws);
using var iam = new LocalIamClient(options.Sts);
using var templates = new HttpClient();
using var organizations = new LocalOrganizationsClient(options.Aws);
using var browser = new HttpClient(LaunchLinkOpener.NewHandler());
var cloudFormation = new CloudFormationSimulator(s3, sns) { Iam = iam, PublishAsAccount = accounts.For };
var journey = new CustomerJourney(OnboardingApiClient.Create(options.Api, options.Key), cloudFormation, templates, new LaunchLinkOpener(browser));
void Say(string line) => Console.WriteLine($"{DateTime.Now:HH:mm:ss.fff}  {line}");

try
{
    switch (options.Command)
    {
        case "onboard":
            Say($"onboarding {options.AccountId} in {options.Region} through {options.Api}");
            var onboarded = await journey.OnboardAsync(options.AccountId, options.Region, "customer-simulator", Say);
            await new StackFile(onboarded.Stack, onboarded.PhysicalResourceId).SaveAsync(options.StackDirectory);
            Say($"{onboarded.Status}: start took {onboarded.StartLatency.TotalMilliseconds:F0} ms, publish→answer {onboarded.AnswerLatency.TotalMilliseconds:F0} ms; stack kept in {StackFile.PathFor(options.StackDirectory, options.AccountId)}");
            return onboarded.Status == "SUCCESS" ? 0 : 1;
        case "onboard-org":
            return await OnboardOrganizationAsync();
        case "update":
            var current = await StackFile.LoadAsync(options.StackDirectory, options.AccountId);
            Say($"updating stack {current.Stack.StackId}: role → {options.RoleName}");
            var (updated, updateAnswer) = await journey.UpdateRoleAsync(current.Stack, current.PhysicalResourceId, options.RoleName);
            Say($"answer: {updateAnswer.GetRawText()}");
            await (current with { Stack = updated }).SaveAsync(options.StackDirectory);
            return updateAnswer.GetProperty("Status").GetString() == "SUCCESS" ? 0 : 1;
        default:
            var stack = await StackFile.LoadAsync(options.StackDirectory, options.AccountId);
            Say($"deleting stack {stack.Stack.StackId}");
            var deleteAnswer = await journey.DeleteAsync(stack.Stack, stack.PhysicalResourceId);
            Say($"answer: {deleteAnswer.GetRawText()}");
            return deleteAnswer.GetProperty("Status").GetString() == "SUCCESS" ? 0 : 1;
    }
}
catch (Exception error) when (error is HttpRequestException or TimeoutException or FileNotFoundException or InvalidOperationException or AmazonServiceException)
{
    Console.Error.WriteLine($"error: {error.Message}");
    return 1;
}

// The management account launches the management template; the StackSet reaches every member at once.
async Task<int> OnboardOrganizationAsync()
{
    var api = OnboardingApiClient.Create(options.Api, options.Key);
    var members = Enumerable.Range(0, options.Members).Select(_ => Random.Shared.NextInt64(100_000_000_000, 999_999_999_999).ToString("D12")).ToList();
    Say($"onboarding organization {options.OrganizationId} (management account {options.AccountId}, {members.Count} members) in {options.Region} through {options.Api}");
    var organizationJourney = new OrganizationJourney(api, cloudFormation, templates, new LaunchLinkOpener(browser), organizations);
    var launched = await organizationJourney.OnboardAsync(options.OrganizationId, options.AccountId, members, options.Region, options.Targets, "customer-simulator", Say);
    var succeeded = launched.Members.Values.Count(m => m.Answer.GetProperty("Status").GetString() == "SUCCESS");
    // The last activations settle a moment after their answers: read the organization until they are counted.
    JsonElement? view = null;
    for (var attempt = 0; attempt < 60; attempt++)
    {
        view = await api.GetOrganizationAsync(options.OrganizationId);
        if (view?.GetProperty("members").TryGetProperty("Active", out var active) == true && active.GetInt32() == succeeded) break;
        await Task.Delay(TimeSpan.FromSeconds(1));
    }
    Say($"organization: {view?.GetProperty("state").GetString()}, management {launched.ManagementAnswer.GetProperty("Status").GetString()}, members by state {view?.GetProperty("members").GetRawText()}");
    return launched.ManagementAnswer.GetProperty("Status").GetString() == "SUCCESS" && succeeded == members.Count ? 0 : 1;
}
