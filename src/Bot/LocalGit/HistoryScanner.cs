using System.Globalization;
using System.Text.RegularExpressions;
using Bot.Core.Policy;
using Bot.Evidence.Changes;
using Bot.Population;

namespace Bot.LocalGit;

/// <summary>Reads a local clone's branch history for a period and turns each commit into a change record, so a team that
/// installs the bot in the middle of an audit period can cover the time before (<c>bot scan</c>).</summary>
public static partial class HistoryScanner
{
    private const char Field = '\u001f';
    private const char Record = '\u001e';

    /// <summary>Commits on <paramref name="branch"/> whose committer date falls in [from, to] (whole UTC days), oldest first.</summary>
    public static async Task<IReadOnlyList<ChangeRecord>> ScanAsync(string repositoryPath, string repositoryName, string branch,
        DateOnly from, DateOnly to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        GitRef.Checked(branch, "--branch");
        var since = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var until = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var log = await GitCommand.RunAsync(repositoryPath,
            ["log", "--reverse", "--date=iso-strict", $"--format=%H{Field}%P{Field}%an{Field}%cn{Field}%cI{Field}%B{Record}",
             "--end-of-options", branch, "--"], cancellationToken);
        var trailerPolicy = await TrailerPolicyAsync(repositoryPath, branch, cancellationToken);
        var baseRef = CheckCommandBranchName(branch);

        var changes = new List<ChangeRecord>();
        foreach (var entry in log.Split(Record))
        {
            var fields = entry.TrimStart('\n').Split(Field);
            if (fields.Length < 6) continue;
            var committedAt = DateTimeOffset.Parse(fields[4], CultureInfo.InvariantCulture);
            if (committedAt.UtcDateTime < since || committedAt.UtcDateTime >= until) continue;
            var message = fields[5];
            var subject = message.Split('\n', 2)[0].TrimEnd('\r');
            var pullRequest = NamedPullRequest(subject);
            var tools = AiTrailers.Positive(message, trailerPolicy);
            changes.Add(new ChangeRecord
            {
                RecordedAt = now,
                Repository = repositoryName,
                Kind = ChangeKinds.ScannedCommit,
                ChangeId = fields[0],
                PullRequestNumber = pullRequest,
                Title = subject,
                Author = fields[2],
                MergedBy = fields[3],
                MergedAt = committedAt,
                BaseRef = baseRef,
                CommitShas = [fields[0]],
                AiAssisted = tools.Count > 0,
                AiTools = tools,
                Findings = pullRequest is null
                    ? [new ChangeFinding(FindingCodes.NoPullRequest, "read from the local history: no merge commit or subject names a pull request")]
                    : [],
                Source = "scan",
            });
        }
        return changes;
    }

    /// <summary>GitHub's merge subject ("Merge pull request #12 from …") or squash subject ("Title (#12)").</summary>
    internal static long? NamedPullRequest(string subject)
    {
        var match = MergeSubject().Match(subject);
        if (!match.Success) match = SquashSubject().Match(subject);
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
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
