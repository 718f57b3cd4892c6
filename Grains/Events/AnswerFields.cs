namespace Onboarding.Grains.Events;

/// <summary>Field names of a custom-resource answer, as CloudFormation reads them.</summary>
public static class AnswerFields
{
    public const string Status = "Status";
    public const string Reason = "Reason";
    public const string PhysicalResourceId = "PhysicalResourceId";
    public const string StackId = "StackId";
    public const string RequestId = "RequestId";
    public const string LogicalResourceId = "LogicalResourceId";
    public const string Data = "Data";
}
