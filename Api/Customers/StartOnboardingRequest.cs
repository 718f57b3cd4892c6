namespace Onboarding.Api.Customers;

/// <summary>The body of POST /customers.</summary>
/// <param name="AccountId">The customer's 12-digit AWS account id.</param>
/// <param name="Reference">The partner's own reference for the customer (optional, at most 256 characters).</param>
/// <param name="Region">The region the customer launches its stack in (optional: the default region).</param>
public sealed record StartOnboardingRequest(string? AccountId, string? Reference, string? Region);
