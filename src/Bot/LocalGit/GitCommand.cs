using System.Diagnostics;
using System.Text;

namespace Bot.LocalGit;

/// <summary>A failed git invocation; the message carries git's own stderr so the user sees why.</summary>
public sealed class GitCommandException(string message) : Exception(message);

/// <summary>Runs the local <c>git</c> executable. Local history is read through git itself (no libgit2 here),
/// so what the bot reads is exactly what an auditor's <c>git log</c> shows.</summary>
public static class GitCommand
{
    public static async Task<string> RunAsync(string repository, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        start.ArgumentList.Add("-C");
        start.ArgumentList.Add(repository);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // Messages are bytes in the repository; never let a pager or a local i18n setting reshape them.
        start.Environment["GIT_PAGER"] = "cat";
        start.Environment["LC_ALL"] = "C";

        using var process = Process.Start(start) ?? throw new GitCommandException("could not start git");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var output = await stdout;
        var error = await stderr;
        if (process.ExitCode != 0)
            throw new GitCommandException($"git {string.Join(' ', arguments)} failed: {error.Trim()}");
        return output;
    }
}
