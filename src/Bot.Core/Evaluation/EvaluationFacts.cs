using Bot.Core.Globbing;
using Bot.Core.Model;
using Bot.Core.Policy;

namespace Bot.Core.Evaluation;

/// <summary>Everything the rules look at, parsed and compiled once per evaluation.</summary>
internal sealed class EvaluationFacts
{
    public EvaluationFacts(EvaluationInput input, ServerFacts server)
    {
        Input = input;
        Server = server;
        Policy = input.Policy;
        Body = BodyFacts.Read(input.PullRequest.Body, Policy.Template);
        Commits = new CommitFacts[input.Commits.Count];
        for (var i = 0; i < Commits.Length; i++)
            Commits[i] = CommitFacts.Read(input.Commits[i], Policy);
        AiAssisted = Body.YesTicked || Commits.Any(c => c.CountsForTrailers && (c.HasPositive || c.IsAiDetected));
        ApprovedTools = GlobSet.Compile(Policy.ApprovedTools, GlobMode.Text);
        AgentFiles = GlobSet.Compile(Policy.AgentFiles, GlobMode.Path);
        SensitivePaths = GlobSet.Compile(Policy.Review.SensitivePaths, GlobMode.Path);
    }

    public EvaluationInput Input { get; }

    public ServerFacts Server { get; }

    public PolicyDocument Policy { get; }

    public BodyFacts Body { get; }

    /// <summary>In input order.</summary>
    public CommitFacts[] Commits { get; }

    /// <summary>policy.md §3: the yes box is ticked, or a commit has a positive trailer, or a commit is AI-detected.</summary>
    public bool AiAssisted { get; }

    public GlobSet ApprovedTools { get; }

    public GlobSet AgentFiles { get; }

    public GlobSet SensitivePaths { get; }

    /// <summary>The commits the trailer rules look at (merge commits skipped).</summary>
    public IEnumerable<CommitFacts> TrailerCommits => Commits.Where(c => c.CountsForTrailers);

    /// <summary>Distinct positive trailer values, in order of first appearance.</summary>
    public IReadOnlyList<string> DeclaredTools()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var tools = new List<string>();
        foreach (var commit in TrailerCommits)
        {
            foreach (var value in commit.PositiveValues)
            {
                if (seen.Add(value))
                    tools.Add(value);
            }
        }
        return tools;
    }
}
