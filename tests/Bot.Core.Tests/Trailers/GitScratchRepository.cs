using System.Text;
using Bot.Core.Trailers;

namespace Bot.Core.Tests.Trailers;

/// <summary>One commit as git log reported it: its SHA and the exact %(trailers:unfold,only) text.</summary>
internal sealed record GitTrailerReport(string Sha, string Output)
{
    /// <summary>git prints "Key: value\n" per trailer; keys hold no ": " and unfolded values no "\n".</summary>
    public IReadOnlyList<Trailer> Trailers =>
        Output.Split('\n')[..^1]
              .Select(line =>
              {
                  int separator = line.IndexOf(": ", StringComparison.Ordinal);
                  return new Trailer(line[..separator], line[(separator + 2)..]);
              })
              .ToList();
}

/// <summary>A throw-away git repository in a temp folder, deleted on dispose.</summary>
internal sealed class GitScratchRepository : IDisposable
{
    // Fields of ASCII control characters cannot occur in git's output for a commit: %H is hex and the
    // trailer text stops at a NUL, so -z gives an unambiguous record separator.
    private const string LogFormat = "--format=%H%n%(trailers:unfold,only)";
    private static readonly string[] Identity = ["-c", "user.name=Trailer Test", "-c", "user.email=trailers@example.com"];

    private readonly string _path;

    private GitScratchRepository(string path) => _path = path;

    public static GitScratchRepository Create()
    {
        string path = Path.Combine(Path.GetTempPath(), "trailers-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        var repository = new GitScratchRepository(path);
        repository.Git("init", "-q", "-b", "main");
        return repository;
    }

    /// <summary>Commits each message exactly as written, the way the issue names it (one git commit each).</summary>
    public void CommitVerbatim(IEnumerable<string> messages)
    {
        string file = Path.Combine(_path, ".git", "MESSAGE");
        foreach (string message in messages)
        {
            File.WriteAllBytes(file, Encoding.UTF8.GetBytes(message));
            Git([.. Identity, "commit", "-q", "--allow-empty", "--allow-empty-message", "--cleanup=verbatim", "-F", file]);
        }
    }

    /// <summary>Stores every message as a commit on <paramref name="branch"/> with one git fast-import; returns their SHAs.</summary>
    public IReadOnlyList<string> Import(string branch, IReadOnlyList<string> messages)
    {
        using var stream = new MemoryStream();
        for (int i = 0; i < messages.Count; i++)
        {
            byte[] message = Encoding.UTF8.GetBytes(messages[i]);
            stream.Write(Encoding.ASCII.GetBytes(
                $"commit refs/heads/{branch}\nmark :{i + 1}\ncommitter Trailer Test <trailers@example.com> {1700000000 + i} +0000\ndata {message.Length}\n"));
            stream.Write(message);
            stream.WriteByte((byte)'\n');
        }
        string marks = Path.Combine(_path, ".git", "marks-" + branch);
        Git(["fast-import", "--quiet", "--export-marks=" + marks], stream.ToArray());

        var shas = new string[messages.Count];
        foreach (string line in File.ReadAllLines(marks))
        {
            string[] parts = line.Split(' ');
            shas[int.Parse(parts[0][1..], System.Globalization.CultureInfo.InvariantCulture) - 1] = parts[1];
        }
        return shas;
    }

    /// <summary>Every commit of <paramref name="branch"/>, oldest first, read back with a single git log.</summary>
    public IReadOnlyList<GitTrailerReport> ReadTrailers(string branch)
    {
        string output = Git(["log", "-z", "--reverse", "--first-parent", "--no-color", LogFormat, branch]);
        return output.Split('\0', StringSplitOptions.RemoveEmptyEntries)
                     .Select(record =>
                     {
                         int newline = record.IndexOf('\n', StringComparison.Ordinal);
                         return new GitTrailerReport(record[..newline], record[(newline + 1)..]);
                     })
                     .ToList();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder is harmless; failing the test run over it is not.
        }
    }

    private string Git(params string[] arguments) => GitProcess.Run(_path, arguments);

    private string Git(string[] arguments, byte[] standardInput) => GitProcess.Run(_path, arguments, standardInput);
}
