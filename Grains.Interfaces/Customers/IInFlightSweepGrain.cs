namespace Onboarding.Customers;

/// <summary>
/// Wakes every customer in flight (Pending, Templated, Activating, as the state index lists them) once per
/// <c>Stalled:ReminderPeriod</c>, so that a re-prompt, an abandonment or an expired answer falls due with no activation
/// left: one activation (key 0) driven by one reminder, instead of a reminder per customer (three reminder-table writes
/// per onboarding). A customer is listed from the write that puts it in flight, so no crash leaves it unwoken.
/// </summary>
public interface IInFlightSweepGrain : IGrainWithIntegerKey
{
    /// <summary>Makes sure the sweep's reminder is registered.</summary>
    Task Schedule();

    /// <summary>Does one sweep now (what a reminder tick does) and says how many customers it woke.</summary>
    Task<int> Sweep();
}

/// <summary>A customer the in-flight sweep wakes (the customer grain).</summary>
public interface IScheduledCustomerGrain : IGrainWithStringKey
{
    /// <summary>Does what fell due (as a reminder tick would) and finishes pending work.</summary>
    Task Wake();
}
