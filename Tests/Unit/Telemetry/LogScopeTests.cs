using Onboarding.Silo.Telemetry;

namespace Onboarding.Tests.Unit.Telemetry;

public sealed class LogScopeTests
{
    [Fact]
    public void A_scope_reads_as_pairs_and_as_text_without_empty_values()
    {
        var scope = new LogScope(("AccountId", "123456789012"), ("RequestId", null), ("Stack", ""));

        Assert.Equal([new KeyValuePair<string, object?>("AccountId", "123456789012")], scope);
        Assert.Equal("AccountId:123456789012", scope.ToString());
    }
}
