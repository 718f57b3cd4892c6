using Amazon.Runtime;

namespace Onboarding.Silo.Dependencies;

/// <summary>
/// Marks an exception with the dependency whose call raised it (in <see cref="Exception.Data"/>), where the
/// call is made: a timeout or a network error names no service, yet "DynamoDB did not answer" must be told
/// apart from the same exception type raised anywhere else. The type and the rest of the exception stay as they are.
/// </summary>
public static class DependencyFailureTag
{
    private const string Key = "Onboarding.Dependency";

    /// <summary>Marks <paramref name="exception"/> (the first mark wins) and returns false, so it can sit in an exception filter.</summary>
    public static bool Mark(Exception exception, string dependency)
    {
        if (!exception.Data.IsReadOnly && !exception.Data.Contains(Key)) exception.Data[Key] = dependency;
        return false;
    }

    public static string? Of(Exception exception) => exception.Data.Contains(Key) ? exception.Data[Key] as string : null;

    /// <summary>Marks every exception an SDK client throws to its caller (the SDK raises the event once per call, after its retries).</summary>
    public static void MarkFailuresOf(AmazonServiceClient client, string dependency) =>
        client.ExceptionEvent += (_, args) =>
        {
            if (args is WebServiceExceptionEventArgs { Exception: { } exception }) Mark(exception, dependency);
        };
}
