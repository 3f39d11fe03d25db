using System.Diagnostics;

namespace Bot.Tests.Support;

/// <summary>A real git repository in a temporary folder, isolated from the machine's git configuration.</summary>
public sealed class ScratchRepository : IDisposable
{
    public ScratchRepository()
    {
        Path = Directory.CreateTempSubdirectory("bot-scratch-").FullName;
        Git("init", "-q", "-b", "main");
        Commit("Initial commit", "base@example.com", "Base Person");
    }

    public string Path { get; }

    /// <summary>Commits <paramref name="message"/> verbatim (no cleanup), optionally with files.</summary>
    public string Commit(string message, string email = "dev@example.com", string name = "Dev Person", IReadOnlyDictionary<string, string>? files = null)
    {
        foreach (var (file, content) in files ?? new Dictionary<string, string>())
        {
            var full = System.IO.Path.Combine(Path, file);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
            Git("add", "--", file);
        }
        var messageFile = System.IO.Path.Combine(System.IO.Path.GetTempPath(), Guid.NewGuid().ToString("N"));
        File.WriteAllText(messageFile, message);
        try
        {
            Git(["-c", $"user.name={name}", "-c", $"user.email={email}", "commit", "-q", "--allow-empty", "--cleanup=verbatim", "-F", messageFile]);
        }
        finally
        {
            File.Delete(messageFile);
        }
        return Git("rev-parse", "HEAD").Trim();
    }

    public string Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {error}");
        return output;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}
