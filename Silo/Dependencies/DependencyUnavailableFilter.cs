namespace Onboarding.Silo.Dependencies;

/// <summary>
/// Whatever escapes a grain call because DynamoDB, SNS, SQS or S3 is unreachable or throttling leaves the
/// grain as a <see cref="Onboarding.Dependencies.DependencyUnavailableException"/> (the API answers it 503
/// with Retry-After). Everything else — refusals, conflicts, bugs — passes unchanged.
/// </summary>
public sealed class DependencyUnavailableFilter(DependencyOutageTranslator translator) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception exception)
        {
            if (translator.Translate(exception, $"{context.InterfaceName}.{context.MethodName}") is { } unavailable) throw unavailable;
            throw;
        }
    }
}
