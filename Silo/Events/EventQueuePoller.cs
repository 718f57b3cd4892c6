using System.Collections.Concurrent;
using System.Diagnostics;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Options;
using Onboarding.Customers;
using Onboarding.Events;
using Onboarding.Grains.Events;
using Onboarding.Grains.Organizations;
using Onboarding.Grains.Ports;
using Onboarding.Identity;
using Onboarding.Organizations;
using Onboarding.Silo.Aws;
using Onboarding.Silo.Configuration;
using Onboarding.Silo.Dependencies;
using Onboarding.Silo.Telemetry;
using Onboarding.Telemetry;

namespace Onboarding.Silo.Events;

/// <summary>
/// Long-polls the events queue and hands each custom-resource request to the customer grain it names.
/// A message is deleted only when the grain reports its effect durable and CloudFormation answered;
/// a message that cannot be trusted or parsed goes to the dead-letter queue at once, and one whose
/// work keeps failing gets there through the queue's redrive policy. An outage of a dependency is not
/// such a failure: the message is held (kept hidden) and retried here, and receiving pauses, until the
/// dependency is back, so an outage never spends the receive counts that lead to the dead-letter queue.
/// Shutdown stops receiving and lets in-flight work finish; unfinished messages simply become visible again.
/// </summary>
public sealed partial class EventQueuePoller(
    IAmazonSQS sqs,
    EventsQueue eventsQueue,
    IGrainFactory grains,
    ICloudFormationResponder responder,
    IRoleVerifier roleVerifier,
    OwnEventTopics ownTopics,
    IOptions<EventIntakeOptions> options,
    IOptions<ResourceOptions> resources,
    EventMetrics metrics,
    TimeProvider clock,
    ILogger<EventQueuePoller> logger) : BackgroundService
{
    private static readonly TimeSpan MaxReceiveBackoff = TimeSpan.FromSeconds(30);
    /// <summary>The longest pause between attempts at a held message (under half the 60 s default lease).</summary>
    private static readonly TimeSpan MaxHoldPause = TimeSpan.FromSeconds(25);
    private const string FailureReasonAttribute = "FailureReason";
    private const string ReceiveCountAttribute = "ApproximateReceiveCount";
    private const string SentTimestampAttribute = "SentTimestamp";
    private const int MaxBackoffDoublings = 10;

    private readonly EventIntakeOptions _options = options.Value;
    private readonly ResponseUrlPolicy _responseUrls = new(options.Value.AllowedResponseUrlOrigins);
    private string _deadLetterUrl = "";
    private readonly SemaphoreSlim _slots = new(options.Value.MaxInFlight, options.Value.MaxInFlight);
    private readonly ConcurrentDictionary<Guid, Task> _inFlight = new();
    private readonly ReceivePause _receivePause = new(clock);
    private CancellationToken _stopping;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled) return;
        _stopping = stoppingToken;
        var (queueUrl, queueArn) = await eventsQueue.GetAddressAsync(stoppingToken);
        _deadLetterUrl = (await sqs.GetQueueUrlAsync(resources.Value.EventsDeadLetterQueue, stoppingToken)).QueueUrl;
        var ownAccount = OwnEventTopics.AccountOf(queueArn);
        await Task.WhenAll(Enumerable.Range(0, _options.Receivers).Select(_ => ReceiveLoopAsync(queueUrl, ownAccount, stoppingToken)));
        // Received messages are finished even during shutdown: their work is short and bounded.
        await Task.WhenAll(_inFlight.Values);
    }

    /// <summary>
    /// Receives as many messages as there are free work slots (up to MaxMessages) and starts each at
    /// once, so a slow message never holds back the next receive: the queue is drained as fast as
    /// messages finish, while at most MaxInFlight are worked on.
    /// </summary>
    private async Task ReceiveLoopAsync(string queueUrl, string ownAccount, CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!await _receivePause.WaitAsync(stoppingToken)) break;
            var slots = await TakeSlotsAsync(stoppingToken);
            if (slots == 0) break;
            List<Message> messages;
            try
            {
                // Never cancelled midway: a long poll cut off after SQS handed out messages would hide
                // them for a whole visibility timeout. Shutdown waits at most WaitTimeSeconds instead.
                var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
                {
                    QueueUrl = queueUrl,
                    MaxNumberOfMessages = slots,
                    WaitTimeSeconds = _options.WaitTimeSeconds,
                    VisibilityTimeout = (int)_options.VisibilityTimeout.TotalSeconds,
                    MessageSystemAttributeNames = [ReceiveCountAttribute, SentTimestampAttribute],
                }, CancellationToken.None);
                messages = response.Messages ?? [];
                backoff = TimeSpan.FromSeconds(1);
            }
            catch (Exception exception)
            {
                _slots.Release(slots);
                // The poller never dies: a queue outage is waited out with a growing pause.
                LogReceiveFailed(exception, backoff.TotalSeconds);
                try { await Task.Delay(backoff, stoppingToken); } catch (OperationCanceledException) { break; }
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxReceiveBackoff.Ticks));
                continue;
            }

            if (messages.Count < slots) _slots.Release(slots - messages.Count);
            if (stoppingToken.IsCancellationRequested)
            {
                // Shutting down: what was received but not started goes straight back for another silo.
                await Task.WhenAll(messages.Select(m => ReleaseAsync(queueUrl, m)));
                if (messages.Count > 0) _slots.Release(messages.Count);
                break;
            }
            foreach (var message in messages) Start(queueUrl, ownAccount, message);
        }
    }

    /// <summary>Waits for one free slot, then takes what else is free up to a full receive; 0 when stopping.</summary>
    private async Task<int> TakeSlotsAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _slots.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return 0;
        }
        var slots = 1;
        while (slots < _options.MaxMessages && _slots.Wait(0)) slots++;
        return slots;
    }

    private void Start(string queueUrl, string ownAccount, Message message)
    {
        var id = Guid.NewGuid();
        var work = Task.Run(() => ProcessAsync(queueUrl, ownAccount, message));
        _inFlight[id] = work;
        // Registered before the clean-up can run, so a message that finishes at once leaves no entry.
        _ = work.ContinueWith(_ =>
        {
            _inFlight.TryRemove(id, out var _);
            _slots.Release();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// Works on a message until it is done, failed or dead-lettered. While a dependency it needs is
    /// unavailable the message stays in hand — hidden, retried with a growing pause — instead of going
    /// back to the queue, where every receive would count towards the dead-letter queue.
    /// </summary>
    private async Task ProcessAsync(string queueUrl, string ownAccount, Message message)
    {
        var sentAt = SentAt(message);
        if (sentAt is { } sent) metrics.Received(clock.GetUtcNow() - sent);
        var attempt = 1;
        while (await ProcessOnceAsync(queueUrl, ownAccount, message, sentAt) is not null)
        {
            if (!await HoldThroughOutageAsync(queueUrl, message, attempt++)) return;
        }
        // A held message went through: the dependency is back, and so is receiving.
        if (attempt > 1) _receivePause.Clear();
    }

    /// <summary>One attempt; returns the dependency that was unavailable, or null when the message was dealt with.</summary>
    private async Task<string?> ProcessOnceAsync(string queueUrl, string ownAccount, Message message, DateTimeOffset? sentAt)
    {
        using var activity = EventMetrics.Activities.StartActivity("custom-resource message", ActivityKind.Consumer);
        activity?.SetTag("messaging.message.id", message.MessageId);
        using var heartbeat = new CancellationTokenSource();
        var keepHidden = KeepHiddenAsync(queueUrl, message, heartbeat.Token);
        var requestType = "unknown";
        try
        {
            var parsed = CustomResourceMessage.Parse(message.Body);
            if (!parsed.Succeeded)
            {
                await DeadLetterAsync(queueUrl, message, $"unparseable: {parsed.FailureReason}");
                metrics.Processed(requestType, EventMetrics.Outcomes.DeadLettered);
                return null;
            }

            var request = parsed.Request with { PublishedAt = sentAt };
            // A metric tag, so only known values: the field comes from whoever published the message.
            requestType = request.RequestType is "Create" or "Update" or "Delete" ? request.RequestType : "other";
            activity?.SetTag("cloudformation.request_type", requestType);
            activity?.SetTag("cloudformation.request_id", request.RequestId);
            // Every log line about this message, down into the grain, carries the request id.
            RequestContext.Set(RequestIds.ContextKey, request.RequestId);
            using var scope = logger.BeginScope(new LogScope((RequestIds.LogScopeKey, request.RequestId)));
            if (Untrusted(request, ownAccount) is { } why)
            {
                LogSecurityEvent(message.MessageId, request.StackId, why);
                await DeadLetterAsync(queueUrl, message, $"untrusted: {why}");
                metrics.Processed(requestType, EventMetrics.Outcomes.DeadLettered);
                return null;
            }

            // Decided (and made durable) by the grain, delivered here: the grain's turn never waits on CloudFormation.
            var outcome = await DecideAsync(request, verification: null);
            // A role is proven before it is trusted: here, outside the grain's turn, while the message is kept hidden.
            if (outcome.VerifyRole is { } role) outcome = await DecideAsync(request, await VerifyAsync(role, outcome.AnswerBy));
            var delivery = await DeliverAsync(request.ResponseUrl, outcome);
            var answeredAt = clock.GetUtcNow();
            if (outcome.AwaitsAcceptance && CloudFormationStackArn.TryParse(request.StackId, out var stack))
                await grains.GetGrain<ICustomerGrain>(stack.AccountId).SettleAnswer(request.StackId, request.RequestId, delivery.Delivered ? answeredAt : null);

            if (delivery.Delivered)
            {
                await sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle);
                // Recorded once the message is gone, so a redelivery does not count the same answer twice.
                if (sentAt is { } published) metrics.Answered(answeredAt - published);
                metrics.Processed(requestType, outcome.Duplicate ? EventMetrics.Outcomes.Duplicate
                    : outcome.Answer.Status == CustomResourceAnswer.Success ? EventMetrics.Outcomes.Success : EventMetrics.Outcomes.Failed);
            }
            else if (answeredAt >= outcome.AnswerBy)
            {
                // CloudFormation has stopped waiting: the stack operation failed, and no answer can change that now.
                LogAnswerAbandoned(message.MessageId, request.StackId);
                await sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle);
                metrics.Processed(requestType, EventMetrics.Outcomes.Undelivered);
            }
            else
            {
                // CloudFormation did not get the answer: try again soon (the grain repeats the same answer).
                await ReturnSoonAsync(queueUrl, message);
                metrics.Processed(requestType, EventMetrics.Outcomes.Undelivered);
            }
            return null;
        }
        catch (Exception exception) when (DependencyOutages.UnavailableDependency(exception) is { } dependency)
        {
            // Not the message's fault: it is held, not returned (see ProcessAsync).
            activity?.SetStatus(ActivityStatusCode.Error, "dependency unavailable: " + dependency);
            LogHeldForOutage(message.MessageId, dependency, DependencyOutages.Describe(exception));
            metrics.Processed(requestType, EventMetrics.Outcomes.Unavailable);
            return dependency;
        }
        catch (Exception exception)
        {
            // Back on the queue after a growing pause; the redrive policy moves it to the dead-letter
            // queue if it keeps failing.
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            LogProcessingFailed(exception, message.MessageId);
            await ReturnSoonAsync(queueUrl, message);
            metrics.Processed(requestType, EventMetrics.Outcomes.Error);
            return null;
        }
        finally
        {
            await heartbeat.CancelAsync();
            await keepHidden;
        }
    }

    /// <summary>
    /// Keeps a message whose dependency is unavailable hidden for a growing pause (RetryDelay, at least 1 s,
    /// doubled per attempt, at most MaxHoldPause and half the lease) and pauses receiving as long; false when
    /// shutting down, after handing the message back to the queue for another silo.
    /// </summary>
    private async Task<bool> HoldThroughOutageAsync(string queueUrl, Message message, int attempt)
    {
        var first = Math.Max(_options.RetryDelay.Ticks, TimeSpan.TicksPerSecond);
        var longest = Math.Min(MaxHoldPause.Ticks, _options.VisibilityTimeout.Ticks / 2);
        var pause = TimeSpan.FromTicks(Math.Min(first << Math.Min(attempt - 1, MaxBackoffDoublings), longest));
        _receivePause.Extend(pause);
        // A full lease from now: the pause is shorter than half of it, and the next attempt's heartbeat takes over.
        await SetVisibilityAsync(queueUrl, message, _options.VisibilityTimeout);
        try
        {
            await Task.Delay(pause, clock, _stopping);
            return true;
        }
        catch (OperationCanceledException)
        {
            await ReleaseAsync(queueUrl, message);
            return false;
        }
    }

    /// <summary>
    /// Routes to the account's grain; a StackId with no account cannot be routed and is refused here. A Create from an
    /// organization's template goes through its organization first: checked there, and a member's customer created or
    /// found, before the account's grain decides it as a single account's.
    /// </summary>
    private async Task<StackEventOutcome> DecideAsync(CustomResourceRequest request, RoleVerification? verification)
    {
        if (!CloudFormationStackArn.TryParse(request.StackId, out var stack))
            return Failed(request, CustomResourceChecks.StackIdReason, request.PhysicalResourceId ?? request.LogicalResourceId);

        var customer = grains.GetGrain<ICustomerGrain>(stack.AccountId);
        if (verification is null && OrganizationMemberChecks.OrganizationOf(request) is { } organizationId)
        {
            var admission = await grains.GetGrain<IOrganizationGrain>(organizationId).AdmitMember(request);
            if (admission.Refused is { } refused) return refused;
            if (admission.Member is { } member && await customer.JoinOrganization(member) is { } refusal)
            {
                LogOnboardedOnItsOwn(stack.AccountId, organizationId);
                return Failed(request, refusal.Message, PhysicalResourceIds.For(stack.AccountId, request.StackId));
            }
        }
        return await customer.HandleStackEvent(request, verification);
    }

    private StackEventOutcome Failed(CustomResourceRequest request, string reason, string physicalResourceId)
    {
        var answer = new CustomResourceAnswer
        {
            Status = CustomResourceAnswer.Failed,
            Reason = reason,
            PhysicalResourceId = physicalResourceId,
            StackId = request.StackId,
            RequestId = request.RequestId,
            LogicalResourceId = request.LogicalResourceId,
        };
        return new StackEventOutcome(answer, Duplicate: false, AnswerDeadline.For(request, clock.GetUtcNow()), AwaitsAcceptance: false);
    }

    /// <summary>Verifies the role within CloudFormation's deadline (the verifier's own bound, Verification:MaxWait, is shorter).</summary>
    private async Task<RoleVerification> VerifyAsync(RoleToVerify role, DateTimeOffset answerBy)
    {
        using var deadline = new CancellationTokenSource(answerBy - clock.GetUtcNow() is { Ticks: > 0 } left ? left : TimeSpan.Zero, clock);
        return await roleVerifier.VerifyAsync(role, deadline.Token);
    }

    /// <summary>PUTs the answer, retrying transient failures until it is accepted or CloudFormation stops waiting.</summary>
    private async Task<AnswerDelivery> DeliverAsync(Uri responseUrl, StackEventOutcome outcome)
    {
        var remaining = outcome.AnswerBy - clock.GetUtcNow();
        if (remaining <= TimeSpan.Zero) return new AnswerDelivery(false, 0, null, "CloudFormation's deadline had passed");
        using var deadline = new CancellationTokenSource(remaining, clock);
        try
        {
            return await responder.SendAsync(responseUrl, outcome.Answer, deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return new AnswerDelivery(false, 0, null, "CloudFormation's deadline passed");
        }
    }

    /// <summary>Why a request must not be acted on at all (not even answered), or null.</summary>
    private string? Untrusted(CustomResourceRequest request, string ownAccount)
    {
        if (!ownTopics.Contains(request.SourceTopicArn, ownAccount))
            return $"published to {request.SourceTopicArn}, which is not one of the service's event topics";
        if (!_responseUrls.IsAllowed(request.ResponseUrl))
            return $"ResponseURL host {request.ResponseUrl.Host}:{request.ResponseUrl.Port} is not an allowed S3 endpoint";
        return null;
    }

    /// <summary>When SQS accepted the message (its SentTimestamp, epoch milliseconds), if it says.</summary>
    private static DateTimeOffset? SentAt(Message message) =>
        message.Attributes?.TryGetValue(SentTimestampAttribute, out var text) == true && long.TryParse(text, out var millis)
            ? DateTimeOffset.FromUnixTimeMilliseconds(millis)
            : null;

    private Task ReleaseAsync(string queueUrl, Message message) => SetVisibilityAsync(queueUrl, message, TimeSpan.Zero);

    /// <summary>Makes a message visible again after RetryDelay, doubled for every earlier receive (capped by the visibility timeout).</summary>
    private Task ReturnSoonAsync(string queueUrl, Message message)
    {
        var receives = message.Attributes?.GetValueOrDefault(ReceiveCountAttribute) is { } text && int.TryParse(text, out var count) ? count : 1;
        var delay = TimeSpan.FromTicks(Math.Min(_options.RetryDelay.Ticks << Math.Min(receives - 1, MaxBackoffDoublings), _options.VisibilityTimeout.Ticks));
        return SetVisibilityAsync(queueUrl, message, delay);
    }

    private async Task SetVisibilityAsync(string queueUrl, Message message, TimeSpan delay)
    {
        try
        {
            await sqs.ChangeMessageVisibilityAsync(queueUrl, message.ReceiptHandle, (int)delay.TotalSeconds);
        }
        catch (Exception exception)
        {
            // It comes back after the full visibility timeout instead.
            LogVisibilityChangeFailed(exception, message.MessageId);
        }
    }

    private async Task DeadLetterAsync(string queueUrl, Message message, string reason)
    {
        await sqs.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = _deadLetterUrl,
            MessageBody = message.Body,
            MessageAttributes = new Dictionary<string, MessageAttributeValue>
            {
                [FailureReasonAttribute] = new() { DataType = "String", StringValue = reason },
            },
        });
        await sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle);
        LogDeadLettered(message.MessageId, reason);
    }

    /// <summary>Extends the message's invisibility while its work runs, so no other receiver takes it meanwhile.</summary>
    private async Task KeepHiddenAsync(string queueUrl, Message message, CancellationToken stop)
    {
        var every = _options.VisibilityTimeout / 2;
        try
        {
            while (true)
            {
                await Task.Delay(every, stop);
                await sqs.ChangeMessageVisibilityAsync(queueUrl, message.ReceiptHandle, (int)_options.VisibilityTimeout.TotalSeconds, stop);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception exception)
        {
            LogVisibilityChangeFailed(exception, message.MessageId);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Receiving from the events queue failed; retrying in {Seconds} s")]
    private partial void LogReceiveFailed(Exception exception, double seconds);

    [LoggerMessage(LogLevel.Warning, "Processing message {MessageId} failed; it will be received again")]
    private partial void LogProcessingFailed(Exception exception, string messageId);

    [LoggerMessage(LogLevel.Warning, "Message {MessageId} is held, and receiving paused, until {Dependency} is back ({Failure})")]
    private partial void LogHeldForOutage(string messageId, string dependency, string failure);

    [LoggerMessage(LogLevel.Warning, "Security event: message {MessageId} (stack {StackId}) refused: {Reason}")]
    private partial void LogSecurityEvent(string messageId, string stackId, string reason);

    [LoggerMessage(LogLevel.Warning, "Message {MessageId} moved to the dead-letter queue: {Reason}")]
    private partial void LogDeadLettered(string messageId, string reason);

    [LoggerMessage(LogLevel.Warning, "Message {MessageId} (stack {StackId}) dropped: its answer was not delivered before CloudFormation stopped waiting")]
    private partial void LogAnswerAbandoned(string messageId, string stackId);

    [LoggerMessage(LogLevel.Warning, "Account {AccountId} reported as a member of organization {OrganizationId} while onboarded on its own: it keeps its own onboarding")]
    private partial void LogOnboardedOnItsOwn(string accountId, string organizationId);

    [LoggerMessage(LogLevel.Warning, "Changing the visibility of message {MessageId} failed")]
    private partial void LogVisibilityChangeFailed(Exception exception, string messageId);
}
