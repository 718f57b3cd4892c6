using System.Globalization;
using Onboarding.Events;
using Onboarding.Grains.Templates;

namespace Onboarding.Grains.Events;

/// <summary>
/// When CloudFormation stops waiting for a custom resource's answer: the request's ServiceTimeout (a
/// string of 1–3600 seconds, default 3600) after it was published. An answer after that is ignored and
/// the stack operation has already failed, so nothing may be decided on its delivery.
/// </summary>
public static class AnswerDeadline
{
    public static readonly TimeSpan DefaultServiceTimeout = TimeSpan.FromSeconds(CloudFormationLimits.MaxServiceTimeoutSeconds);

    /// <param name="now">Stands in for the publication time when the request does not say.</param>
    public static DateTimeOffset For(CustomResourceRequest request, DateTimeOffset now) =>
        (request.PublishedAt ?? now) + ServiceTimeout(request);

    /// <summary>The request's ServiceTimeout; a missing or out-of-range value means CloudFormation's default.</summary>
    public static TimeSpan ServiceTimeout(CustomResourceRequest request) =>
        request.ResourceProperties.GetValueOrDefault(CustomResourceProperties.ServiceTimeout) is { } text
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        && seconds is >= CloudFormationLimits.MinServiceTimeoutSeconds and <= CloudFormationLimits.MaxServiceTimeoutSeconds
            ? TimeSpan.FromSeconds(seconds)
            : DefaultServiceTimeout;
}
