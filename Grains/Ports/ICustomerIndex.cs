using Onboarding.Customers;
using Onboarding.Queries;

namespace Onboarding.Grains.Ports;

/// <summary>The secondary index of customers by state (a DynamoDB GSI in the silo).</summary>
public interface ICustomerIndex
{
    Task<CustomerPage> ListAsync(OnboardingState state, int limit, string? cursor, CancellationToken cancellationToken);

    Task<long> CountAsync(OnboardingState state, bool stalledOnly, CancellationToken cancellationToken);
}
