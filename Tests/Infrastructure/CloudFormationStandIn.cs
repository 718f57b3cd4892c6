using Onboarding.CustomerSimulation.CloudFormation;
using Onboarding.Silo.Aws.Sns;

namespace Onboarding.Tests.Infrastructure;

/// <summary>
/// CloudFormation's side of the custom resource on the test's stand-ins, as on AWS: the shared simulator
/// (tools/CustomerSimulation) with its answers in an S3 bucket of the fixture's fauxqs, creating each stack's
/// role in the STS stand-in (its trust policy as the template renders it) before the stack's Create, and
/// publishing as the stack's account, which the topic policy must admit.
/// </summary>
public sealed class CloudFormationStandIn : CloudFormationSimulator
{
    public CloudFormationStandIn(LocalAwsStandIns aws, ISnsClient sns)
        : base(StandInClients.S3(aws), sns)
    {
        Iam = aws.Iam;
        PublishAsAccount = aws.AccountSns.For;
    }

    /// <summary>Waiting for answers as <paramref name="polling"/> says (e.g. past a redelivery after a silo died with the message).</summary>
    public CloudFormationStandIn(LocalAwsStandIns aws, ISnsClient sns, AnswerPolling polling)
        : base(new S3ResponseEndpoint(StandInClients.S3(aws), polling: polling), sns)
    {
        Iam = aws.Iam;
        PublishAsAccount = aws.AccountSns.For;
    }
}
