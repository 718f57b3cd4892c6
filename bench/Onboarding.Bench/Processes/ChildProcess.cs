using System.Diagnostics;

namespace Onboarding.Bench.Processes;

/// <summary>A child process of the bench: output to a log file (or a line handler), stopped by its PID.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ChildProcess(Process process, StreamWriter log) => (_process, _log) = (process, log);

    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;
    public StreamWriter Input => _process.StandardInput;

    /// <summary>Starts <c>dotnet</c> with <paramref name="args"/>; stdout lines go to <paramref name="onLine"/> (and the log), stderr to the log.</summary>
    public static ChildProcess StartDotnet(IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, string logPath, Action<string>? onLine = null)
    {
        var start = new ProcessStartInfo("dotnet", args)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            onLine?.Invoke(e.Data);
            lock (log) log.WriteLine(e.Data);
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(process, log);
    }

    public ProcessUsage Usage() => ProcessUsage.Read(_process.Id);

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try { await _process.WaitForExitAsync(cancel.Token); return true; }
        catch (OperationCanceledException) { return false; }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        lock (_log) _log.Dispose();
    }
}
