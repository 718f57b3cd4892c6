using System.Diagnostics.CodeAnalysis;
using Onboarding.Events;

namespace Onboarding.Grains.Events;

/// <summary>What <see cref="CustomResourceMessage.Parse"/> made of a queue message: a request, or why not.</summary>
public sealed record ParseResult
{
    private ParseResult(CustomResourceRequest? request, string? failureReason)
    {
        Request = request;
        FailureReason = failureReason;
    }

    public CustomResourceRequest? Request { get; }

    /// <summary>Short and free of message content, so it can be logged as is.</summary>
    public string? FailureReason { get; }

    [MemberNotNullWhen(true, nameof(Request))]
    [MemberNotNullWhen(false, nameof(FailureReason))]
    public bool Succeeded => Request is not null;

    public static ParseResult Success(CustomResourceRequest request) =>
        new(request ?? throw new ArgumentNullException(nameof(request)), null);

    public static ParseResult Failure(string reason) =>
        new(null, string.IsNullOrWhiteSpace(reason) ? throw new ArgumentException("A reason is required.", nameof(reason)) : reason);
}
