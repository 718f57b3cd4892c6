using Onboarding.Customers;
using Onboarding.Queries;

namespace Onboarding.Grains.Ports;

/// <summary>The secondary index of customers by state (a DynamoDB GSI in the silo).</summary>
public interface ICustomerIndex
{
    /// <summary>
    /// A page of customers in the state, newest first; a filtered page may hold fewer than the limit (filters apply
    /// after it). A cursor leads to the next page (older) or, from <see cref="CustomerPage.PreviousCursor"/>, back to the
    /// one before it (newer).
    /// </summary>
    Task<CustomerPage> ListAsync(OnboardingState state, CustomerFilter filter, int limit, string? cursor, CancellationToken cancellationToken);

    /// <summary>
    /// Customers whose partner reference is exactly <paramref name="reference"/>, in any state, newest first, at most
    /// <paramref name="limit"/>. Reads every state's index entries (the reference is filtered after the read): an
    /// operator's occasional search, not a query to run per request.
    /// </summary>
    Task<IReadOnlyList<CustomerSummary>> FindByReferenceAsync(string reference, int limit, CancellationToken cancellationToken);

    Task<long> CountAsync(OnboardingState state, CustomerFilter filter, CancellationToken cancellationToken);
}
