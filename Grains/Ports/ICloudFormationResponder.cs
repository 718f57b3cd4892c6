using Onboarding.Events;

namespace Onboarding.Grains.Ports;

/// <summary>Sends a custom-resource answer to the request's presigned ResponseURL.</summary>
public interface ICloudFormationResponder
{
    /// <summary>
    /// PUTs the answer, retrying transient failures. Does not throw for HTTP or network failures (the
    /// result says what happened); throws <see cref="OperationCanceledException"/> when cancelled and
    /// <see cref="ArgumentException"/> for an answer that cannot be serialized. The caller must have
    /// checked <paramref name="responseUrl"/> against a <c>ResponseUrlPolicy</c> first.
    /// </summary>
    Task<AnswerDelivery> SendAsync(Uri responseUrl, CustomResourceAnswer answer, CancellationToken cancellationToken);
}
