namespace Onboarding.CustomerPages;

/// <summary>Describes the access every customer's role grants (a stateless worker over the silo's template settings; key 0).</summary>
public interface IRoleAccessGrain : IGrainWithIntegerKey
{
    Task<RoleAccess> Describe();
}
