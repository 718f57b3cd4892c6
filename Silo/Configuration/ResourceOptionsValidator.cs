using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Onboarding.Silo.Configuration;

/// <summary>Fails start-up with one message per wrong "Resources" setting (AWS naming rules).</summary>
public sealed partial class ResourceOptionsValidator : IValidateOptions<ResourceOptions>
{
    public ValidateOptionsResult Validate(string? name, ResourceOptions options)
    {
        var failures = new List<string>();
        var section = ResourceOptions.SectionName;
        if (!TableName().IsMatch(options.GrainStateTable))
            failures.Add($"{section}:GrainStateTable must be 3–255 characters of letters, digits, '_', '-', '.' (got '{options.GrainStateTable}').");
        if (!TableName().IsMatch(options.RemindersTable) || options.RemindersTable == options.GrainStateTable)
            failures.Add($"{section}:RemindersTable must be a table name like GrainStateTable, and a different one (got '{options.RemindersTable}').");
        if (!BucketName().IsMatch(options.TemplateBucket))
            failures.Add($"{section}:TemplateBucket must be an S3 bucket name: 3–63 lowercase letters, digits, '-', '.' (got '{options.TemplateBucket}').");
        foreach (var (setting, queue) in new[] { ("EventsQueue", options.EventsQueue), ("EventsDeadLetterQueue", options.EventsDeadLetterQueue) })
        {
            if (!QueueOrTopicName().IsMatch(queue))
                failures.Add($"{section}:{setting} must be 1–80 letters, digits, '-', '_' (got '{queue}').");
        }
        if (options.EventsQueue == options.EventsDeadLetterQueue)
            failures.Add($"{section}:EventsDeadLetterQueue must differ from EventsQueue.");
        if (options.EventsMaxReceiveCount is < 1 or > 1000)
            failures.Add($"{section}:EventsMaxReceiveCount must be between 1 and 1000 (got {options.EventsMaxReceiveCount}).");
        if (!QueueOrTopicName().IsMatch(options.NotificationsTopic))
            failures.Add($"{section}:NotificationsTopic must be 1–80 letters, digits, '-', '_' (got '{options.NotificationsTopic}').");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.-]{3,255}$")]
    private static partial Regex TableName();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,80}$")]
    private static partial Regex QueueOrTopicName();
}
