using Onboarding.Customers;
using Onboarding.Telemetry;

namespace Onboarding.Silo.Telemetry;

/// <summary>
/// Puts the account id and the causing request id on every log line written while a customer grain
/// works, whoever writes it (the grain, the storage, the AWS adapters).
/// </summary>
public sealed class CustomerLogScopeFilter(ILogger<CustomerLogScopeFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.TargetContext.GrainInstance is not ICustomerGrain)
        {
            await context.Invoke();
            return;
        }
        var scope = new LogScope(
            (RequestIds.AccountScopeKey, context.TargetId.Key.ToString()),
            (RequestIds.LogScopeKey, RequestContext.Get(RequestIds.ContextKey) as string));
        using (logger.BeginScope(scope))
        {
            await context.Invoke();
        }
    }
}
