using Onboarding.Customers;
using Onboarding.Queries;

namespace Onboarding.Grains.Ports;

/// <summary>The secondary index of customers by state (a DynamoDB GSI in the silo).</summary>
public interface ICustomerIndex
{
    /// <summary>A page of customers in the state, newest first; a filtered page may hold fewer than the limit (filters apply after it).</summary>
    Task<CustomerPage> ListAsync(OnboardingState state, CustomerFilter filter, int limit, string? cursor, CancellationToken cancellationToken);

    Task<long> CountAsync(OnboardingState state, CustomerFilter filter, CancellationToken cancellationToken);
}
