using Onboarding.Silo.Aws.Presigning;

namespace Onboarding.Tests.Unit.Aws;

public sealed class PresignedUrlExpiryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 30, 0, 250, TimeSpan.Zero);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public void Long_term_credentials_give_the_whole_lifetime_in_whole_seconds()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 30, 0, TimeSpan.Zero), PresignedUrlExpiry.Of(Now, Hour, credentialsExpiration: null));
    }

    [Fact]
    public void Temporary_credentials_expiring_sooner_than_the_lifetime_cut_it_short()
    {
        var credentialsExpire = new DateTime(2026, 11, 25, 9, 50, 7, DateTimeKind.Utc);

        Assert.Equal(new DateTimeOffset(credentialsExpire), PresignedUrlExpiry.Of(Now, Hour, credentialsExpire));
    }

    [Fact]
    public void Temporary_credentials_outliving_the_lifetime_leave_it_alone()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 30, 0, TimeSpan.Zero), PresignedUrlExpiry.Of(Now, Hour, new DateTime(2026, 11, 25, 15, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void An_expiry_of_unspecified_kind_is_read_as_utc()
    {
        var credentialsExpire = new DateTime(2026, 11, 25, 9, 45, 0, DateTimeKind.Unspecified);

        Assert.Equal(new DateTimeOffset(2026, 11, 25, 9, 45, 0, TimeSpan.Zero), PresignedUrlExpiry.Of(Now, Hour, credentialsExpire));
    }
}
