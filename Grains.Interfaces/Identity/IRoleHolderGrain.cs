namespace Onboarding.Identity;

/// <summary>A customer as the periodic role checks see it: which check it is due for, and what the check found.</summary>
public interface IRoleHolderGrain : IGrainWithStringKey
{
    /// <summary>The check an Active customer's role is due for now (with or without the negative checks), or null.</summary>
    Task<RoleToVerify?> RoleCheckDue();

    /// <summary>Records a periodic check of <paramref name="roleArn"/>; a check of a role the customer no longer has is ignored.</summary>
    Task<RoleHealth> RecordRoleCheck(string roleArn, RoleVerification check);
}
