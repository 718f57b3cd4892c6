namespace Onboarding.Grains.Events;

/// <summary>Which checks of <see cref="CustomResourceChecks.Verify"/> failed; declared in the order they run.</summary>
[Flags]
public enum FailedChecks
{
    None = 0,
    RequestType = 1 << 0,
    ResourceType = 1 << 1,
    SourceTopic = 1 << 2,
    StackIdFormat = 1 << 3,
    StackAccount = 1 << 4,
    RoleArnFormat = 1 << 5,
    RoleAccount = 1 << 6,
    ExternalId = 1 << 7,
    OnboardingToken = 1 << 8,
    AccountIdProperty = 1 << 9,
}
