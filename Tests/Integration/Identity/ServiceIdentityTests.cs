using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.CustomerSimulation.LocalAws;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Integration.Customers;

namespace Onboarding.Tests.Integration.Identity;

/// <summary>The service under test runs as in production on ECS or EKS: on temporary credentials of its own role.</summary>
[Collection(ServiceCollectionDefinition.Name)]
public sealed class ServiceIdentityTests(OnboardingService service)
{
    [Fact]
    public async Task The_silo_signs_with_temporary_credentials_the_STS_stand_in_issued_to_the_services_role()
    {
        var credentials = await service.Silo.Services.GetRequiredService<AWSCredentials>().GetCredentialsAsync();
        Assert.StartsWith("ASIA", credentials.AccessKey);
        Assert.True(credentials.UseToken, "a session token, as temporary credentials carry");

        // The silo's own STS client (the one its role verifier uses) says who it is.
        var identity = await service.Silo.Services.GetRequiredService<IAmazonSecurityTokenService>().GetCallerIdentityAsync(new GetCallerIdentityRequest());

        Assert.Equal($"arn:aws:sts::{OnboardingService.PartnerAccountId}:assumed-role/{ServiceRoleCredentials.RoleName}/{ServiceRoleCredentials.SessionName}", identity.Arn);
    }
}
