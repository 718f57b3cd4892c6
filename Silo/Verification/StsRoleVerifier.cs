using System.Security.Cryptography;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Microsoft.Extensions.Options;
using Onboarding.Dependencies;
using Onboarding.Grains.Identity;
using Onboarding.Grains.Ports;
using Onboarding.Identity;
using Onboarding.Silo.Dependencies;
using Onboarding.Silo.Retries;

namespace Onboarding.Silo.Verification;

/// <summary>
/// Checks a customer's role with STS, as the partner: AssumeRole with the external id, asked again with backoff
/// while STS answers AccessDenied (a new role propagates) until it succeeds or <c>Verification:MaxWait</c> has
/// passed; only then without an external id and with a random wrong one, both of which must be denied.
/// <see cref="RoleVerificationRules"/> reads the answers. The credentials STS issues are never used or kept.
/// </summary>
public sealed partial class StsRoleVerifier(
    IAmazonSecurityTokenService sts,
    IOptions<VerificationOptions> options,
    IOptions<DependencyOutageOptions> outageOptions,
    DependencyOutageTranslator outages,
    TimeProvider time,
    ILogger<StsRoleVerifier> logger) : IRoleVerifier, IDisposable
{
    /// <summary>STS's shortest session: nothing uses these credentials.</summary>
    private const int SessionSeconds = 900;
    private const string AccessDenied = "AccessDenied";
    private const string ValidationError = "ValidationError";

    /// <summary>The pauses between attempts with the external id (full jitter, the project's retry style): IAM usually propagates within seconds.</summary>
    internal static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(500);
    internal static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(4);

    private readonly AssumeRolePace _pace = new(options.Value.MaxAssumeRolePerSecond);

    public async Task<RoleVerification> VerifyAsync(RoleToVerify role, CancellationToken cancellationToken)
    {
        RoleVerificationRules.ThrowIfMalformed(role);
        var paced = RoleVerificationRules.IsPaced(role.Mode);
        var maxWait = options.Value.MaxWait;
        long? started = null;
        var attempts = 0;
        AssumeRoleAnswer withExternalId;
        while (true)
        {
            if (paced) await _pace.WaitTurnAsync(cancellationToken);
            started ??= time.GetTimestamp();
            attempts++;
            withExternalId = await AssumeAsync(role.RoleArn, role.ExternalId, cancellationToken);
            if (!RoleVerificationRules.AsksAgain(role.Mode, withExternalId)) break;
            var pause = RoleVerificationRules.PauseBeforeNextAttempt(
                time.GetElapsedTime(started.Value), maxWait, FullJitterBackoff.Delay(attempts, FirstPause, LongestPause));
            if (pause is null) break;
            LogDenied(role.CustomerAccountId, attempts);
            await Task.Delay(pause.Value, time, cancellationToken);
        }

        AssumeRoleAnswer? withoutExternalId = null, withWrongExternalId = null;
        if (RoleVerificationRules.RunsNegativeChecks(role.Mode, withExternalId))
        {
            if (paced) await _pace.WaitTurnAsync(cancellationToken);
            withoutExternalId = await AssumeAsync(role.RoleArn, externalId: null, cancellationToken);
            if (RoleVerificationRules.ChecksWrongExternalId(withoutExternalId.Value))
            {
                if (paced) await _pace.WaitTurnAsync(cancellationToken);
                withWrongExternalId = await AssumeAsync(role.RoleArn, WrongExternalId(role.ExternalId), cancellationToken);
            }
        }

        var result = RoleVerificationRules.Decide(withExternalId, withoutExternalId, withWrongExternalId, attempts, time.GetUtcNow());
        LogVerified(role.CustomerAccountId, result.Outcome, attempts, role.Mode);
        return result;
    }

    public void Dispose() => _pace.Dispose();

    /// <summary>
    /// A wrong external id no trust policy can list on purpose: unpredictable (CSPRNG), and never the customer's.
    /// </summary>
    internal static string WrongExternalId(string externalId)
    {
        string wrong;
        do wrong = "wrong-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        while (wrong == externalId);
        return wrong;
    }

    private async Task<AssumeRoleAnswer> AssumeAsync(string roleArn, string? externalId, CancellationToken cancellationToken)
    {
        var request = new AssumeRoleRequest
        {
            RoleArn = roleArn,
            RoleSessionName = options.Value.RoleSessionName,
            ExternalId = externalId,
            DurationSeconds = SessionSeconds,
        };
        try
        {
            // The answer holds temporary credentials to the customer's account: dropped here, never logged.
            _ = await sts.AssumeRoleAsync(request, cancellationToken);
            return AssumeRoleAnswer.Assumed;
        }
        catch (AmazonSecurityTokenServiceException denied) when (denied.ErrorCode == AccessDenied)
        {
            return AssumeRoleAnswer.Denied;
        }
        catch (AmazonSecurityTokenServiceException invalid) when (invalid.ErrorCode == ValidationError)
        {
            return AssumeRoleAnswer.Invalid;
        }
        // Anything else says nothing about the customer's role: an outage, or STS refusing the service's own
        // credentials. Never a FAILED answer: the caller tries the verification again later.
        catch (Exception failure) when (DependencyFailureTag.Mark(failure, DependencyNames.Sts) || !cancellationToken.IsCancellationRequested)
        {
            if (outages.Translate(failure, "sts:AssumeRole") is { } unavailable) throw unavailable;
            LogRefused(DependencyOutages.Describe(failure));
            throw new DependencyUnavailableException(DependencyNames.Sts, outageOptions.Value.RetryAfter);
        }
    }

    [LoggerMessage(LogLevel.Debug, "The role of {AccountId} denied attempt {Attempt} with its external id; asking again (IAM may still be propagating it)")]
    private partial void LogDenied(string accountId, int attempt);

    [LoggerMessage(LogLevel.Information, "Role verification of {AccountId}: {Outcome} after {Attempts} attempt(s) with the external id ({Mode})")]
    private partial void LogVerified(string accountId, RoleVerificationOutcome outcome, int attempts, RoleVerificationMode mode);

    [LoggerMessage(LogLevel.Error, "STS refused the service's own AssumeRole request ({Failure}): check the service's credentials and that STS is enabled in its region; role verifications wait meanwhile")]
    private partial void LogRefused(string failure);
}
