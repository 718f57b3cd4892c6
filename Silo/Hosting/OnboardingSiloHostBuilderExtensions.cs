using Orleans.Configuration;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using Onboarding.Grains;
using Onboarding.Grains.Calls;
using Onboarding.Grains.Customers;
using Onboarding.Grains.Organizations;
using Onboarding.Grains.Health;
using Onboarding.Grains.Invitations;
using Onboarding.Grains.Ports;
using Onboarding.Grains.Queries;
using Onboarding.Grains.Stats;
using Onboarding.Grains.Templates;
using Onboarding.Grains.TemplateVersions;
using Onboarding.Grains.Whitelist;
using Onboarding.Silo.Aws;
using Onboarding.Silo.Aws.Presigning;
using Onboarding.Silo.Aws.Sns;
using Onboarding.Silo.Clustering;
using Onboarding.Silo.Configuration;
using Onboarding.Silo.Dependencies;
using Onboarding.Silo.Telemetry;
using Onboarding.Silo.Events;
using Onboarding.Silo.Health;
using Onboarding.Silo.Notifications;
using Onboarding.Silo.Provisioning;
using Onboarding.Silo.Reminders;
using Onboarding.Silo.Retries;
using Onboarding.Silo.Storage;
using Onboarding.Silo.Verification;

namespace Onboarding.Silo.Hosting;

/// <summary>The silo's whole wiring, shared by Program and the tests (which start the same silo in-process).</summary>
public static class OnboardingSiloHostBuilderExtensions
{
    public static IHostApplicationBuilder AddOnboardingSilo(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);

        AddValidatedOptions<AwsOptions, AwsOptionsValidator>(services, AwsOptions.SectionName);
        AddValidatedOptions<ResourceOptions, ResourceOptionsValidator>(services, ResourceOptions.SectionName);
        AddValidatedOptions<PresigningOptions, PresigningOptionsValidator>(services, PresigningOptions.SectionName);
        AddValidatedOptions<OnboardingOptions, OnboardingOptionsValidator>(services, OnboardingOptions.SectionName);
        AddValidatedOptions<RoleTemplateOptions, RoleTemplateOptionsValidator>(services, RoleTemplateOptions.SectionName);
        AddValidatedOptions<TemplateVersionOptions, TemplateVersionOptionsValidator>(services, TemplateVersionOptions.SectionName);
        AddValidatedOptions<StalledOnboardingOptions, StalledOnboardingOptionsValidator>(services, StalledOnboardingOptions.SectionName);
        AddValidatedOptions<WhitelistOptions, WhitelistOptionsValidator>(services, WhitelistOptions.SectionName);
        AddValidatedOptions<EventIntakeOptions, EventIntakeOptionsValidator>(services, EventIntakeOptions.SectionName);
        AddValidatedOptions<DirectoryOptions, DirectoryOptionsValidator>(services, DirectoryOptions.SectionName);
        AddValidatedOptions<CountersOptions, CountersOptionsValidator>(services, CountersOptions.SectionName);
        AddValidatedOptions<GrainCallOptions, GrainCallOptionsValidator>(services, GrainCallOptions.SectionName);
        AddValidatedOptions<DependencyOutageOptions, DependencyOutageOptionsValidator>(services, DependencyOutageOptions.SectionName);
        AddValidatedOptions<VerificationOptions, VerificationOptionsValidator>(services, VerificationOptions.SectionName);
        AddValidatedOptions<InvitationOptions, InvitationOptionsValidator>(services, InvitationOptions.SectionName);
        services.AddSingleton<DependencyOutageTranslator>();
        services.AddOptions<ProvisioningOptions>().BindConfiguration(ProvisioningOptions.SectionName);
        AddValidatedOptions<ReadinessOptions, ReadinessOptionsValidator>(services, ReadinessOptions.SectionName);
        builder.AddOnboardingTelemetry();

        services.AddAwsClients();
        services.AddSnsClient();
        services.AddOptions<SnsClientOptions>().Configure<IOptions<AwsOptions>>((sns, aws) =>
            (sns.ServiceUrl, sns.Retry.AttemptTimeout, sns.Retry.MaxAttempts) = (aws.Value.Endpoints.Sns, aws.Value.AttemptTimeout, aws.Value.MaxAttempts));
        services.AddSingleton<EventsQueue>();
        services.AddSingleton<ITemplateStore, S3TemplateStore>();
        services.AddSingleton<ITopicPolicyGateway, SnsTopicPolicyGateway>();
        services.AddSingleton<IEventTopicFactory, SnsEventTopicFactory>();
        services.AddSingleton<DynamoDbCustomerIndex>();
        services.AddSingleton<ICustomerIndex>(sp => sp.GetRequiredService<DynamoDbCustomerIndex>());
        services.AddSingleton<ITopicMemberIndex>(sp => sp.GetRequiredService<DynamoDbCustomerIndex>());
        services.AddSingleton<IPartnerNotifier, SnsPartnerNotifier>();
        services.AddSingleton<LaunchLinks>();
        services.AddSingleton<CustomerEffectRunner>();
        services.AddSingleton<OrganizationEffectRunner>();
        services.AddSingleton(sp => new WorkflowOptions(
            sp.GetRequiredService<IOptions<OnboardingOptions>>().Value,
            sp.GetRequiredService<IOptions<StalledOnboardingOptions>>().Value,
            sp.GetRequiredService<IOptions<RoleTemplateOptions>>().Value.CustomResourceType,
            sp.GetRequiredService<IOptions<VerificationOptions>>().Value.Schedule,
            RoleTemplateVersion.Of(RoleTemplateGrants.From(
                sp.GetRequiredService<IOptions<RoleTemplateOptions>>().Value,
                sp.GetRequiredService<IOptions<OnboardingOptions>>().Value.EffectiveTrustedPrincipalArn))));
        services.AddSingleton<IRoleVerifier, StsRoleVerifier>();
        services.AddCloudFormationResponder();
        services.AddOptions<HttpRetryOptions>(HttpCloudFormationResponder.HttpClientName)
            .BindConfiguration(HttpCloudFormationResponder.HttpClientName).ValidateOnStart();
        services.AddSingleton<OwnEventTopics>();
        services.AddSingleton<IDependencyProbe, DynamoDbProbe>();
        services.AddSingleton<IDependencyProbe, SqsProbe>();
        services.AddSingleton<IDependencyProbe, S3Probe>();
        services.AddSingleton<CachedReadinessProbe>();
        services.AddSingleton<ResourceProvisioner>();
        services.AddSingleton<DeployedResourceCheck>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ProvisioningLifecycle>();

        // Needed before the host is built (Orleans' endpoints and membership), so checked here, by the same validator.
        EcsTaskAddress.Advertise(builder.Configuration);
        var cluster = ValidatedOptions.Require(new ClusterHostingOptionsValidator(), null,
            builder.Configuration.GetSection(ClusterHostingOptions.SectionName).Get<ClusterHostingOptions>() ?? new());

        builder.UseOrleans(silo =>
        {
            silo.UseOnboardingClustering(cluster);
            // Grain statistics for the dashboard the API hosts (behind the operator role).
            silo.AddDashboard();
            silo.AddActivityPropagation();
            silo.AddIncomingGrainCallFilter<CustomerLogScopeFilter>();
            silo.AddIncomingGrainCallFilter<DependencyUnavailableFilter>();
            silo.Services.AddDynamoDbGrainStorage(StorageNames.Onboarding, options => options
                .Configure<IOptions<ResourceOptions>>((storage, resources) => storage.TableName = resources.Value.GrainStateTable));
            silo.Services.TranslateOutagesOfGrainStorage(StorageNames.Onboarding);
            silo.Services.AddDynamoDbReminders(options => options
                .Configure<IOptions<ResourceOptions>>((table, resources) => table.TableName = resources.Value.RemindersTable));
        });

        // After UseOrleans: the poller calls grains, so it starts once the silo runs and stops before it.
        services.AddHostedService<EventQueuePoller>();
        services.AddHostedService<PeriodicWorkScheduler>();
        return builder;
    }

    /// <summary>
    /// Validates every option now, before the silo starts anything (hosted services and silo lifecycle
    /// stages would otherwise run, and fail less clearly, first). Throws with all problems at once.
    /// </summary>
    public static IHost ValidateConfiguration(this IHost host)
    {
        host.Services.GetService<IStartupValidator>()?.Validate();
        return host;
    }

    private static void AddValidatedOptions<TOptions, TValidator>(IServiceCollection services, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
    }
}
