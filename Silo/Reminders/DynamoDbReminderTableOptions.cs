namespace Onboarding.Silo.Reminders;

/// <summary>Settings of the DynamoDB reminder table.</summary>
public sealed class DynamoDbReminderTableOptions
{
    /// <summary>The table holding the reminders (layout: <see cref="DynamoDbReminderTableSchema"/>).</summary>
    public string TableName { get; set; } = "";

    /// <summary>
    /// The partition every reminder of this service lives in, so services can share a table. When registered through
    /// <see cref="DynamoDbReminderServiceCollectionExtensions.AddDynamoDbReminders"/> it defaults to the Orleans
    /// <c>ClusterOptions.ServiceId</c>. Changing it orphans the stored reminders.
    /// </summary>
    public string ServiceId { get; set; } = "";
}
