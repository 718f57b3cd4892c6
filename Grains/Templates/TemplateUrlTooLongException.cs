namespace Onboarding.Grains.Templates;

/// <summary>
/// The template URL is longer than the console accepts (a presigned URL with a session token easily
/// is). A distinct type so start-up configuration checks can fail loudly on it.
/// </summary>
public sealed class TemplateUrlTooLongException(int length, int limit)
    : ArgumentException($"The template URL is {length} characters; the CloudFormation console accepts at most {limit}.", "templateUrl")
{
    public int Length { get; } = length;
    public int Limit { get; } = limit;
}
