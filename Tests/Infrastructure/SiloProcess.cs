using System.Diagnostics;

namespace Onboarding.Tests.Infrastructure;

/// <summary>
/// The real silo as an OS process (Onboarding.Silo.dll from the test output, the shipped
/// Silo/appsettings.json in Production, <paramref name="settings"/> over it through the environment),
/// its output in a log file. <see cref="KillAsync"/> is kill -9: no shutdown, no goodbye to the cluster.
/// </summary>
public sealed class SiloProcess(IReadOnlyDictionary<string, string?> settings, string logPath) : IAsyncDisposable
{
    private Process? _process;
    private StreamWriter? _log;

    public string LogPath => logPath;

    public bool HasExited => _process?.HasExited ?? true;

    public void Start()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Onboarding.Silo.dll"), "--contentRoot", ShippedSettings.SiloDirectory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var log = _log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>
    /// Runs the silo with <paramref name="environment"/> (Production unless it says otherwise) until it exits by itself,
    /// as when a wrong setting stops it: its exit code and the lines of its standard error.
    /// </summary>
    public static async Task<(int ExitCode, string[] ErrorLines)> RunToExitAsync(IReadOnlyDictionary<string, string> environment, string contentRoot, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Onboarding.Silo.dll"), "--contentRoot", contentRoot])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment) start.Environment[name] = value;

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        await stdout;
        return (process.ExitCode, (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>SIGTERM: the host stops gracefully (the silo leaves the cluster); waits until the process is gone.</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited) return;
        await ProcessSignals.SendAsync(_process.Id, "TERM");
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGKILL, and waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        if (_log is { } log) lock (log) log.Dispose();
    }
}
