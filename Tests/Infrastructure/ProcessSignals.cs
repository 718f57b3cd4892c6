using System.Diagnostics;

namespace Onboarding.Tests.Infrastructure;

/// <summary>
/// Signals .NET's Process cannot send (it only kills): SIGTERM for a graceful stop, SIGSTOP/SIGCONT to
/// freeze and thaw a process. Through kill(1), whose signal names are the same on Linux and macOS.
/// </summary>
public static class ProcessSignals
{
    public static async Task SendAsync(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", signal, pid.ToString()]) { RedirectStandardError = true })!;
        var error = kill.StandardError.ReadToEndAsync();
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -s {signal} {pid} failed ({kill.ExitCode}): {await error}");
    }
}
