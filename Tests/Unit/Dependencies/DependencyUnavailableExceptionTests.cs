using Microsoft.Extensions.DependencyInjection;
using Onboarding.Dependencies;
using Orleans.Serialization;

namespace Onboarding.Tests.Unit.Dependencies;

public sealed class DependencyUnavailableExceptionTests
{
    [Fact]
    public void It_crosses_the_wire_with_its_dependency_and_retry_pause()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        Exception sent = new DependencyUnavailableException(DependencyNames.DynamoDb, TimeSpan.FromSeconds(7));

        var received = Assert.IsType<DependencyUnavailableException>(serializer.Deserialize<Exception>(serializer.SerializeToArray(sent)));

        Assert.Equal(DependencyNames.DynamoDb, received.Dependency);
        Assert.Equal(TimeSpan.FromSeconds(7), received.RetryAfter);
        Assert.Equal(sent.Message, received.Message);
    }
}
