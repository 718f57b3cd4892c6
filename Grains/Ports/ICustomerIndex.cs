using Onboarding.Customers;
using Onboarding.Queries;

namespace Onboarding.Grains.Ports;

/// <summary>The secondary index of customers by state (a DynamoDB GSI in the silo).</summary>
public interface ICustomerIndex
{
    Task<CustomerPage> ListAsync(OnboardingState state, int limit, string? cursor, CancellationToken cancellationToken);

    /// <summary>Customers in <paramref name="state"/> (with the indexed attribute <paramref name="flag"/> present, when given): reads every entry.</summary>
    Task<long> CountAsync(OnboardingState state, string? flag, CancellationToken cancellationToken);
}
