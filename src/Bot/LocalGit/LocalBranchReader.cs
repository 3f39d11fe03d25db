using Bot.Core.Model;

namespace Bot.LocalGit;

/// <summary>What <c>bot check</c> evaluates: the commits and files of a local branch against its base.</summary>
public sealed record LocalBranch(IReadOnlyList<CommitInfo> Commits, IReadOnlyList<ChangedFile> Files, string HeadSha, string? PolicyYaml);

/// <summary>Reads a local branch the way the GitHub API would describe the pull request.</summary>
public static class LocalBranchReader
{
    private const char Field = '\u001f';
    private const char Record = '\u001e';

    public const string PolicyPath = ".github/ai-compliance.yml";

    public static async Task<LocalBranch> ReadAsync(string repository, string baseRef, string headRef, CancellationToken cancellationToken = default)
    {
        GitRef.Checked(baseRef, "--base");
        GitRef.Checked(headRef, "--head");
        var headSha = (await GitCommand.RunAsync(repository, ["rev-parse", "--verify", "--end-of-options", headRef + "^{commit}"], cancellationToken)).Trim();
        await GitCommand.RunAsync(repository, ["rev-parse", "--verify", "--end-of-options", baseRef + "^{commit}"], cancellationToken);

        // Oldest first, like GET /pulls/{n}/commits. %B is the raw message as committed.
        var log = await GitCommand.RunAsync(repository,
            ["log", "--reverse", $"--format=%H{Field}%P{Field}%an{Field}%ae{Field}%cn{Field}%ce{Field}%B{Record}", "--end-of-options", $"{baseRef}..{headRef}", "--"],
            cancellationToken);
        var identities = new LocalIdentities();
        var commits = new List<CommitInfo>();
        foreach (var entry in log.Split(Record))
        {
            var fields = entry.TrimStart('\n').Split(Field);
            if (fields.Length < 7) continue;
            var author = new GitIdentity(fields[2], fields[3]);
            var committer = new GitIdentity(fields[4], fields[5]);
            var parents = fields[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            commits.Add(new CommitInfo(fields[0], fields[6], author, committer,
                identities.For(author), identities.For(committer), parents));
        }

        // Three dots: changes since the merge base, which is what a pull request shows.
        var diff = await GitCommand.RunAsync(repository, ["diff", "--name-status", "-z", "-M", "--end-of-options", $"{baseRef}...{headRef}", "--"], cancellationToken);
        var files = ParseNameStatus(diff);

        string? policy = null;
        try
        {
            policy = await GitCommand.RunAsync(repository, ["show", "--end-of-options", $"{baseRef}:{PolicyPath}"], cancellationToken);
        }
        catch (GitCommandException)
        {
            // No policy file on the base branch: the default policy applies, as for the service.
        }
        return new LocalBranch(commits, files, headSha, policy);
    }

    /// <summary>Parses <c>git diff --name-status -z</c>: status NUL path NUL, or for renames/copies status NUL old NUL new NUL.</summary>
    internal static IReadOnlyList<ChangedFile> ParseNameStatus(string output)
    {
        var parts = output.Split('\0');
        var files = new List<ChangedFile>();
        for (var i = 0; i + 1 < parts.Length;)
        {
            var status = parts[i];
            if (status.Length == 0) break;
            switch (status[0])
            {
                case 'R' or 'C' when i + 2 < parts.Length:
                    files.Add(new ChangedFile(parts[i + 2], status[0] == 'R' ? "renamed" : "copied", parts[i + 1]));
                    i += 3;
                    break;
                default:
                    files.Add(new ChangedFile(parts[i + 1], status[0] switch
                    {
                        'A' => "added",
                        'D' => "removed",
                        'M' => "modified",
                        _ => "changed",
                    }));
                    i += 2;
                    break;
            }
        }
        return files;
    }

    /// <summary>Offline there are no GitHub accounts; each distinct email stands for one person so that the
    /// review rule can still tell authors apart (ids are negative so they never collide with GitHub's).</summary>
    private sealed class LocalIdentities
    {
        private readonly Dictionary<string, GitHubUser> _byEmail = new(StringComparer.OrdinalIgnoreCase);

        public GitHubUser For(GitIdentity identity)
        {
            if (!_byEmail.TryGetValue(identity.Email, out var user))
            {
                user = new GitHubUser(-(_byEmail.Count + 1), identity.Email);
                _byEmail[identity.Email] = user;
            }
            return user;
        }
    }
}
