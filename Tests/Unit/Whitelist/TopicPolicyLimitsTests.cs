using Onboarding.Grains.Whitelist;

namespace Onboarding.Tests.Unit.Whitelist;

public sealed class TopicPolicyLimitsTests
{
    [Fact]
    public void Defaults_are_the_sns_quotas()
    {
        var limits = TopicPolicyLimits.Sns;

        Assert.Equal(30_720, limits.MaxPolicyBytes);
        Assert.Equal(100, limits.MaxStatements);
        Assert.Equal(200, limits.MaxPrincipalsPerStatement);
        Assert.Null(limits.MaxCustomerAccounts);
    }

    [Fact]
    public void Limits_may_be_lowered_but_not_raised()
    {
        Assert.Equal(10, new TopicPolicyLimits { MaxStatements = 10 }.MaxStatements);
        Assert.Equal("MaxPolicyBytes", Assert.Throws<ArgumentOutOfRangeException>(() => new TopicPolicyLimits { MaxPolicyBytes = 30_721 }).ParamName);
        Assert.Equal("MaxStatements", Assert.Throws<ArgumentOutOfRangeException>(() => new TopicPolicyLimits { MaxStatements = 101 }).ParamName);
        Assert.Equal("MaxPrincipalsPerStatement", Assert.Throws<ArgumentOutOfRangeException>(() => new TopicPolicyLimits { MaxPrincipalsPerStatement = 0 }).ParamName);
        Assert.Equal("MaxCustomerAccounts", Assert.Throws<ArgumentOutOfRangeException>(() => new TopicPolicyLimits { MaxCustomerAccounts = -1 }).ParamName);
    }
}
