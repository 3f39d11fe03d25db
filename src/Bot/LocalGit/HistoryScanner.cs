using System.Globalization;
using System.Text.RegularExpressions;
using Bot.Core.Policy;
using Bot.Core.Trailers;
using Bot.Evidence.Changes;
using Bot.Population;

namespace Bot.LocalGit;

/// <summary>Reads a local clone's branch history for a period and turns it into change records, so a team that installs the
/// bot in the middle of an audit period can cover the time before (<c>bot scan</c>). What reached the branch is its
/// first-parent line: each of those commits is one landing. A merge commit whose subject names a pull request ("Merge pull
/// request #7 from …") or a commit whose subject ends "(#7)" is that pull request's change, with every commit it brought
/// (policy.md §5, "A local history scan"); any other commit is a direct change of its own.</summary>
public static partial class HistoryScanner
{
    private const char Field = '\u001f';
    private const char Record = '\u001e';

    /// <summary>The changes whose landing commit (on the first-parent line of <paramref name="branch"/>) has a committer date
    /// in [from, to] (whole UTC days), oldest first.</summary>
    public static async Task<IReadOnlyList<ChangeRecord>> ScanAsync(string repositoryPath, string repositoryName, string branch,
        DateOnly from, DateOnly to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        GitRef.Checked(branch, "--branch");
        var since = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var until = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var mainline = await LogAsync(repositoryPath, ["--first-parent", "--end-of-options", branch, "--"], cancellationToken);
        var scan = new Scan(repositoryName, CheckCommandBranchName(branch), await TrailerPolicyAsync(repositoryPath, branch, cancellationToken), now);

        foreach (var landing in mainline)
        {
            if (landing.CommittedAt.UtcDateTime < since || landing.CommittedAt.UtcDateTime >= until) continue;
            // A merge brought its other parents' commits that the branch did not have: first parent..merge.
            var brought = landing.Parents.Count > 1
                ? await LogAsync(repositoryPath, ["--end-of-options", $"{landing.Parents[0]}..{landing.Sha}", "--"], cancellationToken)
                : [landing];
            if (NamedPullRequest(landing.Subject) is { } number)
                scan.AddPullRequest(number, landing, brought);
            else
                foreach (var commit in brought) scan.AddDirect(commit, landing.CommittedAt);
        }
        return scan.Changes;
    }

    /// <summary>GitHub's merge subject ("Merge pull request #12 from …") or squash subject ("Title (#12)").</summary>
    internal static long? NamedPullRequest(string subject)
    {
        var match = MergeSubject().Match(subject);
        if (!match.Success) match = SquashSubject().Match(subject);
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    private sealed record LoggedCommit(string Sha, IReadOnlyList<string> Parents, string Author, string Committer, DateTimeOffset CommittedAt, string Message)
    {
        public string Subject => Message.Split('\n', 2)[0].TrimEnd('\r');

        /// <summary>GitHub's merge message is "Merge pull request #N from owner/branch", a blank line, the pull request's title.</summary>
        public string Title => Parents.Count > 1 && Message.Split('\n') is [_, "", { Length: > 0 } title, ..] ? title.TrimEnd('\r') : Subject;
    }

    /// <summary><c>git log --reverse</c> (oldest first) with the given revision arguments.</summary>
    private static async Task<IReadOnlyList<LoggedCommit>> LogAsync(string repositoryPath, IReadOnlyList<string> revisions, CancellationToken cancellationToken)
    {
        var log = await GitCommand.RunAsync(repositoryPath,
            ["log", "--reverse", "--date=iso-strict", $"--format=%H{Field}%P{Field}%an{Field}%cn{Field}%cI{Field}%B{Record}", .. revisions],
            cancellationToken);
        var commits = new List<LoggedCommit>();
        foreach (var entry in log.Split(Record))
        {
            var fields = entry.TrimStart('\n').Split(Field);
            if (fields.Length < 6) continue;
            commits.Add(new LoggedCommit(fields[0], fields[1].Split(' ', StringSplitOptions.RemoveEmptyEntries), fields[2], fields[3],
                DateTimeOffset.Parse(fields[4], CultureInfo.InvariantCulture), fields[5]));
        }
        return commits;
    }

    /// <summary>The changes of one scan: one per pull request (a second landing naming the same number joins the first),
    /// one per other commit.</summary>
    private sealed class Scan(string repository, string baseRef, TrailerPolicy trailers, DateTimeOffset now)
    {
        private readonly Dictionary<long, int> _pullRequests = [];

        public List<ChangeRecord> Changes { get; } = [];

        public void AddPullRequest(long number, LoggedCommit landing, IReadOnlyList<LoggedCommit> brought)
        {
            var shas = brought.Select(c => c.Sha).ToList();
            var tools = brought.SelectMany(c => AiDeclaration.PositiveValues(c.Message, trailers)).ToList();
            if (_pullRequests.TryGetValue(number, out var index))
            {
                var first = Changes[index];
                shas = [.. first.CommitShas, .. shas];
                tools = [.. first.AiTools, .. tools];
                Changes[index] = first with { CommitShas = shas, AiTools = tools.Distinct(StringComparer.Ordinal).ToList(), AiAssisted = tools.Count > 0 };
                return;
            }
            _pullRequests[number] = Changes.Count;
            var merged = landing.Parents.Count > 1;
            Changes.Add(Change(ChangeKinds.ScannedPullRequest, number.ToString(CultureInfo.InvariantCulture), landing.Title,
                // A merge commit is authored by whoever merged; the branch's first commit is the pull request author's.
                merged ? brought.FirstOrDefault(c => c.Parents.Count <= 1)?.Author ?? landing.Author : landing.Author,
                merged ? landing.Author : landing.Committer, landing.CommittedAt, shas, tools, []) with
            {
                PullRequestNumber = number,
                MergeCommitSha = landing.Sha,
                HeadSha = merged ? landing.Parents[1] : null,
            });
        }

        public void AddDirect(LoggedCommit commit, DateTimeOffset landedAt) =>
            Changes.Add(Change(ChangeKinds.ScannedCommit, commit.Sha, commit.Subject, commit.Author, commit.Committer, landedAt, [commit.Sha],
                AiDeclaration.PositiveValues(commit.Message, trailers),
                [new ChangeFinding(FindingCodes.NoPullRequest, "read from the local history: no merge commit or subject names a pull request")]));

        private ChangeRecord Change(string kind, string changeId, string title, string author, string mergedBy, DateTimeOffset landedAt,
            IReadOnlyList<string> commits, IReadOnlyList<string> tools, IReadOnlyList<ChangeFinding> findings) => new()
        {
            RecordedAt = now,
            Repository = repository,
            Kind = kind,
            ChangeId = changeId,
            Title = title,
            Author = author,
            MergedBy = mergedBy,
            MergedAt = landedAt,
            BaseRef = baseRef,
            CommitShas = commits,
            AiAssisted = tools.Count > 0,
            AiTools = tools.Distinct(StringComparer.Ordinal).ToList(),
            Findings = findings,
            Source = ChangeSources.Scan,
        };
    }

    private static async Task<TrailerPolicy> TrailerPolicyAsync(string repositoryPath, string branch, CancellationToken cancellationToken)
    {
        try
        {
            var yaml = await GitCommand.RunAsync(repositoryPath, ["show", "--end-of-options", $"{branch}:{LocalBranchReader.PolicyPath}"], cancellationToken);
            return PolicyLoader.Load(yaml).Trailer;
        }
        catch (Exception e) when (e is GitCommandException or PolicyException)
        {
            return PolicyDocument.Default.Trailer; // no policy on the branch (or an invalid one): git's default trailer rules
        }
    }

    private static string CheckCommandBranchName(string branch) => Cli.CheckCommand.BranchName(branch);

    [GeneratedRegex(@"^Merge pull request #(\d+) ")]
    private static partial Regex MergeSubject();

    [GeneratedRegex(@"\(#(\d+)\)\s*$")]
    private static partial Regex SquashSubject();
}
