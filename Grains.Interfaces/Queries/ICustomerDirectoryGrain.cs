using Onboarding.Customers;

namespace Onboarding.Queries;

/// <summary>Operators' queries over all customers, answered from the state index (a stateless worker).</summary>
public interface ICustomerDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Customers in <paramref name="state"/>, newest first. Throws <see cref="InvalidCursorException"/> for a bad cursor.</summary>
    Task<CustomerPage> List(OnboardingState state, CustomerFilter filter, int limit, string? cursor);

    Task<CustomerStats> Stats();
}
