using System.Diagnostics;
using System.Text;

namespace Bot.Tests.Support;

/// <summary>What a finished child process printed and returned.</summary>
public sealed record ChildResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}

/// <summary>A program run as a child process, as a user would run it from a shell: the real <c>bot</c> (bot.dll beside the
/// tests, through <see cref="Bot"/>) or a <c>bash -c</c> command line. Output is collected as it comes, and disposing
/// kills whatever is still running, children included (<c>dotnet run</c> starts the program as a child of its own).</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errorClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process) => _process = process;

    public bool HasExited => _process.HasExited;

    public string Output { get { lock (_output) return _output.ToString(); } }

    public string Error { get { lock (_error) return _error.ToString(); } }

    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null, string? input = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // No first-run banner or telemetry notice from the dotnet CLI in the captured output.
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;

        var child = new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}"));
        child._process.OutputDataReceived += (_, e) => Append(child._output, e.Data, child._outputClosed);
        child._process.ErrorDataReceived += (_, e) => Append(child._error, e.Data, child._errorClosed);
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        if (input is not null) child._process.StandardInput.Write(input);
        child._process.StandardInput.Close();
        return child;
    }

    /// <summary>Starts <c>dotnet bot.dll ARGS</c> (the bot built beside the tests) in <paramref name="workingDirectory"/>.</summary>
    public static ChildProcess Bot(IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null,
        string? input = null) =>
        Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "bot.dll"), .. arguments], workingDirectory, environment, input);

    /// <summary>Runs <c>dotnet bot.dll ARGS</c> to its end (killed after <paramref name="timeoutSeconds"/>).</summary>
    public static async Task<ChildResult> RunBotAsync(IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null, int timeoutSeconds = 120, string? input = null)
    {
        await using var child = Bot(arguments, workingDirectory, environment, input);
        return await child.WaitAsync(TimeSpan.FromSeconds(timeoutSeconds));
    }

    /// <summary>Waits for the process to end; one still running after <paramref name="timeout"/> is killed and fails the test.</summary>
    public async Task<ChildResult> WaitAsync(TimeSpan timeout)
    {
        using var bound = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            Assert.Fail($"{_process.StartInfo.FileName} did not finish within {timeout}:\n{Output}\n{Error}");
        }
        await Task.WhenAll(_outputClosed.Task, _errorClosed.Task);
        return new ChildResult(_process.ExitCode, Output, Error);
    }

    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Append(StringBuilder text, string? line, TaskCompletionSource closed)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }
        lock (text)
        {
            if (text.Length < 1024 * 1024) text.AppendLine(line);
        }
    }
}
