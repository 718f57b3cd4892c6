using Onboarding.CustomerSimulation.CloudFormation;
using Onboarding.Silo.Aws.Sns;

namespace Onboarding.Tests.Infrastructure;

/// <summary>
/// CloudFormation's side of the custom resource on the test's stand-ins: the shared simulator
/// (tools/CustomerSimulation) with its answers in an S3 bucket of the fixture's fauxqs.
/// </summary>
public sealed class CloudFormationStandIn(LocalAwsStandIns aws, ISnsClient sns) : CloudFormationSimulator(StandInClients.S3(aws), sns);
