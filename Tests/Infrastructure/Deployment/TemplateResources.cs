using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Onboarding.Silo.Configuration;
using Onboarding.Silo.Provisioning;

namespace Onboarding.Tests.Infrastructure.Deployment;

/// <summary>The resources a stack of deploy/onboarding.yaml creates, made on the stand-ins by the silo's own provisioner.</summary>
public static class TemplateResources
{
    /// <summary>The <c>Resources:*</c> settings the stack's outputs give.</summary>
    public static ResourceOptions Settings(DeployedStack stack)
    {
        var settings = stack.Settings();
        return new ResourceOptions
        {
            GrainStateTable = settings["Resources__GrainStateTable"],
            RemindersTable = settings["Resources__RemindersTable"],
            TemplateBucket = settings["Resources__TemplateBucket"],
            EventsQueue = settings["Resources__EventsQueue"],
            EventsDeadLetterQueue = settings["Resources__EventsDeadLetterQueue"],
            EventsMaxReceiveCount = int.Parse(settings["Resources__EventsMaxReceiveCount"]),
            NotificationsTopic = settings["Resources__NotificationsTopic"],
        };
    }

    /// <summary>Creates them as the partner account's owner (the provisioner's definitions are the template's: the drift tests).</summary>
    public static async Task<ResourceOptions> CreateAsync(LocalAwsStandIns aws, DeployedStack stack)
    {
        var resources = Settings(stack);
        using var dynamoDb = StandInClients.DynamoDb(aws);
        using var s3 = StandInClients.S3(aws);
        using var sqs = StandInClients.Sqs(aws);
        await new ResourceProvisioner(dynamoDb, s3, sqs, aws.AccountSns.For(stack.Account), Options.Create(resources),
            Options.Create(new AwsOptions { Region = stack.Region }), NullLogger<ResourceProvisioner>.Instance).ProvisionAsync(CancellationToken.None);
        return resources;
    }
}
