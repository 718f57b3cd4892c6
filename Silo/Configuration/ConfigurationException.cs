namespace Onboarding.Silo.Configuration;

/// <summary>Settings that are missing or wrong, one message per problem.</summary>
public sealed class ConfigurationException(IReadOnlyList<string> problems)
    : Exception("Invalid configuration: " + string.Join(" ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
