using System.Diagnostics;
using System.Diagnostics.Metrics;
using Onboarding.Grains.Telemetry;

namespace Onboarding.Silo.Events;

/// <summary>
/// Custom-resource events as metrics and traces: how each message ended, how long it waited in the
/// queue, and how long CloudFormation waited for its answer (publish to answer delivered).
/// </summary>
public sealed class EventMetrics
{
    public const string ActivitySourceName = "Onboarding.Events";

    /// <summary>How a received message ended; the tag values are part of the metric's contract.</summary>
    public static class Outcomes
    {
        public const string Success = "success";
        public const string Failed = "failed";
        public const string Duplicate = "duplicate";
        public const string DeadLettered = "dead_lettered";
        public const string Undelivered = "undelivered";
        public const string Error = "error";
        /// <summary>A dependency was unavailable: the message is held and tried again, not returned to the queue.</summary>
        public const string Unavailable = "unavailable";
    }

    public static readonly ActivitySource Activities = new(ActivitySourceName);

    private readonly Counter<long> _processed;
    private readonly Histogram<double> _queueLag;
    private readonly Histogram<double> _answerLatency;

    public EventMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(OnboardingMetrics.MeterName);
        _processed = meter.CreateCounter<long>("onboarding.events.processed", "{message}", "Custom-resource messages handled, by request type and outcome.");
        _queueLag = meter.CreateHistogram<double>("onboarding.events.queue.lag", "s", "Time from SNS delivery to the queue until the silo received the message.");
        _answerLatency = meter.CreateHistogram<double>("onboarding.cloudformation.answer.duration", "s", "Time from the message entering the queue until CloudFormation's ResponseURL accepted the answer.");
    }

    public void Received(TimeSpan lag) => _queueLag.Record(Math.Max(0, lag.TotalSeconds));

    public void Processed(string requestType, string outcome) =>
        _processed.Add(1, new KeyValuePair<string, object?>("request_type", requestType), new KeyValuePair<string, object?>("outcome", outcome));

    public void Answered(TimeSpan sincePublished) => _answerLatency.Record(Math.Max(0, sincePublished.TotalSeconds));
}
