using Microsoft.Extensions.Options;
using Onboarding.Dependencies;

namespace Onboarding.Silo.Dependencies;

/// <summary>
/// Turns an outage of a dependency into the contract exception, logging the original by type and error
/// code only (its text can name accounts and ARNs; it is written in full at Debug). Used where failures
/// leave the silo's grains: the grain call filter and, for activations, the grain storage.
/// </summary>
public sealed partial class DependencyOutageTranslator(IOptions<DependencyOutageOptions> options, ILogger<DependencyOutageTranslator> logger)
{
    /// <summary>The contract exception for <paramref name="exception"/>, or null when it is no outage (it then stays as it is).</summary>
    public DependencyUnavailableException? Translate(Exception exception, string operation)
    {
        if (exception is DependencyUnavailableException || DependencyOutages.UnavailableDependency(exception) is not { } dependency)
            return null;
        LogUnavailable(dependency, operation, DependencyOutages.Describe(exception));
        LogOriginal(exception);
        return new DependencyUnavailableException(dependency, options.Value.RetryAfter);
    }

    [LoggerMessage(LogLevel.Warning, "{Dependency} is unavailable: {Operation} failed with {Failure}; answered dependency-unavailable")]
    private partial void LogUnavailable(string dependency, string operation, string failure);

    [LoggerMessage(LogLevel.Debug, "The dependency failure in full")]
    private partial void LogOriginal(Exception exception);
}
