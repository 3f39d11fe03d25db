using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bot.Core.Model;
using Bot.LocalGit;
using LibGit2Sharp;

namespace Bot.PackageComparisons;

/// <summary>LibGit2Sharp 0.32 against the git command line (LocalBranchReader, what <c>bot check</c> reads) on a branch of
/// 1,000 commits plus a commit with <c>encoding ISO-8859-1</c> and one whose message starts with blank lines: are the
/// messages byte for byte what git holds, and what does reading the branch cost.</summary>
internal static class GitComparison
{
    public static async Task<int> RunAsync(int runs)
    {
        var repo = Directory.CreateTempSubdirectory("bot-git-compare-").FullName;
        try
        {
            var (latin1, leadingBlank) = Build(repo, 1000);
            var cli = await LocalBranchReader.ReadAsync(repo, "main", "feature");
            var lib = ReadWithLibGit2(repo, "main", "feature");
            Console.WriteLine($"commits: CLI {cli.Commits.Count}, LibGit2Sharp {lib.Commits.Count}; files: CLI {cli.Files.Count}, LibGit2Sharp {lib.Files.Count}");
            Console.WriteLine($"same SHAs in the same order: {cli.Commits.Select(c => c.Sha).SequenceEqual(lib.Commits.Select(c => c.Sha))}");
            Console.WriteLine($"same files: {cli.Files.OrderBy(f => f.Filename, StringComparer.Ordinal).SequenceEqual(lib.Files.OrderBy(f => f.Filename, StringComparer.Ordinal))}; same policy text: {cli.PolicyYaml == lib.PolicyYaml}");
            var cliSame = 0;
            var libSame = 0;
            foreach (var commit in cli.Commits)
            {
                var truth = MessageAsGitHoldsIt(repo, commit.Sha);
                cliSame += commit.Message == truth ? 1 : 0;
                libSame += lib.Commits.Single(c => c.Sha == commit.Sha).Message == truth ? 1 : 0;
            }
            Console.WriteLine($"messages identical to the commit object's (decoded by its encoding header): CLI {cliSame}/{cli.Commits.Count}, LibGit2Sharp {libSame}/{lib.Commits.Count}");
            foreach (var (what, sha) in new[] { ("ISO-8859-1 commit", latin1), ("leading blank lines", leadingBlank) })
            {
                Console.WriteLine($"{what}: git holds {Show(MessageAsGitHoldsIt(repo, sha))}");
                Console.WriteLine($"  CLI:          {Show(cli.Commits.Single(c => c.Sha == sha).Message)}");
                Console.WriteLine($"  LibGit2Sharp: {Show(lib.Commits.Single(c => c.Sha == sha).Message)}");
            }

            Console.WriteLine("| reader | run | wall ms | own CPU ms | git child CPU ms | managed KiB allocated |");
            Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
            for (var run = 0; run < runs + 1; run++)
            {
                // Run 0 warms both up (JIT, page cache) and is not printed.
                await MeasureAsync("git CLI", run, () => LocalBranchReader.ReadAsync(repo, "main", "feature"));
                await MeasureAsync("LibGit2Sharp", run, () => Task.FromResult(ReadWithLibGit2(repo, "main", "feature")));
            }
            return 0;
        }
        finally
        {
            Directory.Delete(repo, recursive: true);
        }
    }

    /// <summary>What <see cref="LocalBranchReader"/> reads, through LibGit2Sharp: commits base..head oldest first, the files
    /// changed since the merge base (renames found), the policy on the base.</summary>
    private static LocalBranch ReadWithLibGit2(string path, string baseRef, string headRef)
    {
        using var repository = new Repository(path);
        var head = repository.Lookup<Commit>(headRef);
        var @base = repository.Lookup<Commit>(baseRef);
        var commits = repository.Commits.QueryBy(new CommitFilter
            {
                IncludeReachableFrom = head,
                ExcludeReachableFrom = @base,
                SortBy = CommitSortStrategies.Topological | CommitSortStrategies.Reverse,
            })
            .Select(c => new CommitInfo(c.Sha, c.Message, new GitIdentity(c.Author.Name, c.Author.Email),
                new GitIdentity(c.Committer.Name, c.Committer.Email), null, null, c.Parents.Count()))
            .ToList();
        var mergeBase = repository.ObjectDatabase.FindMergeBase(@base, head);
        var changes = repository.Diff.Compare<TreeChanges>(mergeBase.Tree, head.Tree, new LibGit2Sharp.CompareOptions { Similarity = SimilarityOptions.Renames });
        var files = changes.Select(c => c.Status switch
        {
            ChangeKind.Renamed => new ChangedFile(c.Path, "renamed", c.OldPath),
            ChangeKind.Added => new ChangedFile(c.Path, "added"),
            ChangeKind.Deleted => new ChangedFile(c.Path, "removed"),
            ChangeKind.Modified => new ChangedFile(c.Path, "modified"),
            _ => new ChangedFile(c.Path, "changed"),
        }).ToList();
        var policy = (@base[LocalBranchReader.PolicyPath]?.Target as Blob)?.GetContentText();
        return new LocalBranch(commits, files, head.Sha, policy);
    }

    private static async Task MeasureAsync(string reader, int run, Func<Task<LocalBranch>> read)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var children = ChildCpu();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var wall = Stopwatch.StartNew();
        var branch = await read();
        wall.Stop();
        process.Refresh();
        if (branch.Commits.Count != 1002) throw new InvalidOperationException($"{reader} read {branch.Commits.Count} commits");
        if (run > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {reader} | {run} | {wall.Elapsed.TotalMilliseconds:F0} | {(process.TotalProcessorTime - cpu).TotalMilliseconds:F0} | {(ChildCpu() - children).TotalMilliseconds:F0} | {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0:F0} |"));
        }
    }

    /// <summary>CPU time of this process's finished children (the git processes), from /proc/self/stat (cutime + cstime).</summary>
    private static TimeSpan ChildCpu()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    /// <summary>The message bytes of the commit object as stored, decoded by its <c>encoding</c> header (UTF-8 without one):
    /// what an auditor's <c>git log</c> shows.</summary>
    private static string MessageAsGitHoldsIt(string repo, string sha)
    {
        var raw = RunBytes(repo, ["cat-file", "commit", sha]);
        var split = IndexOf(raw, "\n\n"u8) + 2;
        var header = Encoding.UTF8.GetString(raw, 0, split);
        var encoding = header.Split('\n').FirstOrDefault(l => l.StartsWith("encoding ", StringComparison.Ordinal)) is { } line
            ? Encoding.GetEncoding(line["encoding ".Length..])
            : Encoding.UTF8;
        return encoding.GetString(raw, split, raw.Length - split);
    }

    private static (string Latin1, string LeadingBlank) Build(string repo, int commits)
    {
        Run(repo, ["init", "-q", "-b", "main"]);
        Run(repo, ["config", "user.name", "Alice Example"]);
        Run(repo, ["config", "user.email", "alice@example.com"]);
        Directory.CreateDirectory(Path.Combine(repo, ".github"));
        File.WriteAllText(Path.Combine(repo, LocalBranchReader.PolicyPath), "version: 1\n");
        File.WriteAllText(Path.Combine(repo, "moved.txt"), string.Join('\n', Enumerable.Range(0, 50)));
        Run(repo, ["add", "."]);
        Run(repo, ["commit", "-q", "-m", "Initial"]);
        Run(repo, ["checkout", "-q", "-b", "feature"]);

        // 1,000 commits through fast-import (one git process instead of 2,000).
        var fork = Run(repo, ["rev-parse", "HEAD"]).Trim();
        var import = new StringBuilder();
        var when = 1_700_000_000;
        for (var i = 0; i < commits; i++)
        {
            var message = $"Change {i}: touch file {i}\n\nWhy it changed, in a second paragraph.\n\nAI-Assisted: {(i % 2 == 0 ? "yes" : "no")}\n";
            var content = $"content {i}\n";
            import.Append(CultureInfo.InvariantCulture, $"commit refs/heads/feature\ncommitter Alice Example <alice@example.com> {when + i} +0000\n")
                .Append(CultureInfo.InvariantCulture, $"data {Encoding.UTF8.GetByteCount(message)}\n{message}")
                .Append(i == 0 ? $"from {fork}\n" : "")
                .Append(CultureInfo.InvariantCulture, $"M 100644 inline src/f{i}.txt\ndata {Encoding.UTF8.GetByteCount(content)}\n{content}\n");
        }
        Run(repo, ["fast-import", "--quiet"], Encoding.UTF8.GetBytes(import.ToString()));
        Run(repo, ["reset", "-q", "--hard", "feature"]);

        // A legacy-encoded message: ISO-8859-1 bytes with an "encoding ISO-8859-1" header.
        File.Move(Path.Combine(repo, "moved.txt"), Path.Combine(repo, "renamed.txt"));
        Run(repo, ["add", "-A"]);
        var messageFile = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".txt");
        File.WriteAllBytes(messageFile, Encoding.Latin1.GetBytes("Café: résumé of the naïve façade\n\nAI-Assisted: no\n"));
        Run(repo, ["-c", "i18n.commitEncoding=ISO-8859-1", "commit", "-q", "-F", messageFile]);
        File.Delete(messageFile);
        var latin1 = Run(repo, ["rev-parse", "HEAD"]).Trim();

        // A message that starts with blank lines, kept verbatim (commit-tree does no clean-up).
        var tree = Run(repo, ["rev-parse", "HEAD^{tree}"]).Trim();
        var leadingBlank = Run(repo, ["commit-tree", tree, "-p", "HEAD"], Encoding.UTF8.GetBytes("\n\nSubject after two blank lines\n\nAI-Assisted: yes\n")).Trim();
        Run(repo, ["update-ref", "refs/heads/feature", leadingBlank]);
        return (latin1, leadingBlank);
    }

    private static string Run(string repo, string[] arguments, byte[]? input = null) => Encoding.UTF8.GetString(RunBytes(repo, arguments, input));

    private static byte[] RunBytes(string repo, string[] arguments, byte[]? input = null)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add("-C");
        start.ArgumentList.Add(repo);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["GIT_AUTHOR_NAME"] = "Alice Example";
        start.Environment["GIT_AUTHOR_EMAIL"] = "alice@example.com";
        start.Environment["GIT_COMMITTER_NAME"] = "Alice Example";
        start.Environment["GIT_COMMITTER_EMAIL"] = "alice@example.com";
        using var process = Process.Start(start)!;
        if (input is not null) process.StandardInput.BaseStream.Write(input);
        process.StandardInput.Close();
        using var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', arguments)} exited {process.ExitCode}");
        return output.ToArray();
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle);

    private static string Show(string message) => "\"" + message.Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
