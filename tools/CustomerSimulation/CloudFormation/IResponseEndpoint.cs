using System.Text.Json;

namespace Onboarding.CustomerSimulation.CloudFormation;

/// <summary>
/// Where CloudFormation takes a custom resource's answer: it hands out a ResponseURL per request and
/// waits for the PUT to it. On AWS this is a presigned S3 URL in a bucket CloudFormation owns.
/// </summary>
public interface IResponseEndpoint
{
    /// <summary>A fresh ResponseURL for one request, and the key to wait on.</summary>
    Task<(string ResponseUrl, string AnswerKey)> NewAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>The answer body once it was PUT; throws <see cref="TimeoutException"/> when none came in time.</summary>
    Task<JsonElement> AnswerAsync(string answerKey, CancellationToken cancellationToken);

    /// <summary>The answer if it is there already, else null.</summary>
    Task<JsonElement?> TryReadAnswerAsync(string answerKey, CancellationToken cancellationToken);
}
