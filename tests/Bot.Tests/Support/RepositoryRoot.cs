using System.Diagnostics;

namespace Bot.Tests.Support;

/// <summary>The checkout the tests were built from (the folder holding Bot.sln above the test assembly).</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    /// <summary>Copies what a clone would hold of the top-level files and <c>src</c> (tracked files and new ones git does
    /// not ignore, as they are now; no build output, keys or databases) into a new temporary folder, so a command can
    /// run there as on a fresh clone without touching the checkout.</summary>
    public static string CopySources()
    {
        var copy = Directory.CreateTempSubdirectory("bot-clone-").FullName;
        foreach (var file in CloneFiles().Where(f => !f.Contains('/', StringComparison.Ordinal) || f.StartsWith("src/", StringComparison.Ordinal)))
        {
            var target = System.IO.Path.Combine(copy, file);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(System.IO.Path.Combine(Path, file), target);
        }
        return copy;
    }

    private static IEnumerable<string> CloneFiles()
    {
        var start = new ProcessStartInfo("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"])
        {
            WorkingDirectory = Path, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var git = Process.Start(start)!;
        var listing = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        if (git.ExitCode != 0) throw new InvalidOperationException($"git ls-files in {Path}: {git.StandardError.ReadToEnd()}");
        // A file deleted in the working tree is still listed as cached until the deletion is committed; a file with a merge
        // conflict being resolved is listed once per stage.
        return listing.Split('\0', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)
            .Where(f => File.Exists(System.IO.Path.Combine(Path, f)));
    }

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Bot.sln")))
                return folder.FullName;
        throw new InvalidOperationException($"no Bot.sln above {AppContext.BaseDirectory}");
    }
}
