namespace Onboarding.Grains.Templates;

/// <summary>The rendered template exceeds what CloudFormation reads from S3.</summary>
public sealed class TemplateTooLargeException(int sizeBytes, int limitBytes)
    : ArgumentException($"The rendered template is {sizeBytes} bytes; CloudFormation accepts at most {limitBytes}.")
{
    public int SizeBytes { get; } = sizeBytes;
    public int LimitBytes { get; } = limitBytes;
}
