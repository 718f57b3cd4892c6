using Amazon.Runtime;

namespace Onboarding.Silo.Aws.Presigning;

/// <summary>The credentials that sign template URLs (see <see cref="PresigningOptions"/>); a type of its own so tests can swap them.</summary>
public sealed class PresigningCredentials(AWSCredentials credentials)
{
    public AWSCredentials Credentials { get; } = credentials;

    public static PresigningCredentials From(PresigningOptions options, AWSCredentials serviceCredentials) =>
        options.UsesAccessKey
            ? new(new BasicAWSCredentials(options.AccessKeyId, options.SecretAccessKey))
            : new(serviceCredentials);
}
