namespace Onboarding.Tests.Infrastructure;

/// <summary>Values shaped like the temporary credentials ECS, EKS, EC2 and Lambda roles get.</summary>
public static class TemporaryCredentials
{
    public const string AccessKeyId = "ASIAIOSFODNN7EXAMPLE";
    public const string SecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    /// <summary>
    /// A session token of about 900 characters (real ones vary, often 800–1,200): base64 of an opaque
    /// blob behind the prefix STS tokens start with. Its length alone nearly fills a template URL.
    /// </summary>
    public static string SessionToken { get; } =
        "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ" + Convert.ToBase64String(Enumerable.Range(0, 636).Select(i => (byte)(i * 37 % 251)).ToArray());
}
