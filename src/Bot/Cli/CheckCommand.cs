using System.CommandLine;
using Bot.Core.Evaluation;
using Bot.Core.Model;
using Bot.Core.Policy;
using Bot.Core.Rendering;
using Bot.LocalGit;

namespace Bot.Cli;

/// <summary><c>bot check</c>: evaluates a local branch offline and prints what the check run would show.
/// No reviews exist offline, so <c>review</c> stays pending; exit 0 on success or pending, 1 on failure, 2 on bad input.
/// Plain text by default; <c>--format md</c> prints the Markdown the check run would carry.</summary>
public static class CheckCommand
{
    public static Command Create()
    {
        var repo = new Option<DirectoryInfo>("--repo") { Description = "Path of the local git repository", Required = true };
        var baseRef = new Option<string>("--base") { Description = "Base branch or ref the change targets (e.g. origin/main)", Required = true };
        var headRef = new Option<string>("--head") { Description = "Head ref to evaluate", DefaultValueFactory = _ => "HEAD" };
        var body = new Option<FileInfo?>("--body") { Description = "File holding the pull request body (Markdown)" };
        var policy = new Option<FileInfo?>("--policy") { Description = "Policy YAML; default: .github/ai-compliance.yml on the base ref, else the built-in policy" };
        var format = new Option<string>("--format") { Description = "text: for a terminal; md: the check run's Markdown", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "md");

        var command = new Command("check", "Evaluate a local branch offline, as the check run would") { repo, baseRef, headRef, body, policy, format };
        command.SetAction(async (result, cancellationToken) =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            try
            {
                return await RunAsync(
                    result.GetRequiredValue(repo).FullName,
                    result.GetRequiredValue(baseRef),
                    result.GetRequiredValue(headRef),
                    result.GetValue(body),
                    result.GetValue(policy),
                    result.GetRequiredValue(format) == "md",
                    output,
                    error,
                    cancellationToken);
            }
            catch (Exception e) when (e is GitCommandException or IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(string repository, string baseRef, string headRef, FileInfo? bodyFile, FileInfo? policyFile,
        bool markdown, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        // A policy file given on the command line is an argument: when it cannot be used, the error names it (exit 2).
        // The branch's own policy file is what the check run would use, so there an invalid one fails the check.
        PolicyDocument? given = null;
        if (policyFile is not null)
        {
            try
            {
                given = PolicyLoader.Load(await File.ReadAllTextAsync(policyFile.FullName, cancellationToken));
            }
            catch (Exception e) when (e is PolicyException or IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"error: --policy {policyFile}: {e.Message}");
                return ExitCodes.BadInput;
            }
        }
        var branch = await LocalBranchReader.ReadAsync(repository, baseRef, headRef, cancellationToken);
        var bodyText = bodyFile is null ? null : await File.ReadAllTextAsync(bodyFile.FullName, cancellationToken);

        Decision decision;
        try
        {
            var policy = given ?? (branch.PolicyYaml is null ? PolicyDocument.Default : PolicyLoader.Load(branch.PolicyYaml));
            var baseName = BranchName(baseRef);
            var defaultBranch = await DefaultBranchAsync(repository, cancellationToken) ?? baseName;
            var author = branch.Commits.Count > 0 ? branch.Commits[^1].AuthorUser! : new GitHubUser(-1, "local");
            var pullRequest = new PullRequestInfo(0, branch.Commits.Count > 0 ? branch.Commits[^1].Subject : "", author,
                bodyText, Draft: false, baseName, branch.HeadSha);
            decision = Evaluator.Evaluate(new EvaluationInput(pullRequest, branch.Commits, [], branch.Files, policy, defaultBranch));
        }
        catch (PolicyException e)
        {
            decision = Evaluator.PolicyInvalid(e.Message);
        }

        var text = CheckRunRenderer.Render(decision);
        await output.WriteLineAsync($"{ConclusionWord(decision.Conclusion)}: {text.Title}");
        await output.WriteLineAsync();
        await output.WriteAsync(markdown ? text.Summary + "\n" : TerminalText.FromMarkdown(text.Summary));
        return decision.Conclusion == Conclusion.Failure ? ExitCodes.Failure : ExitCodes.Ok;
    }

    private static string ConclusionWord(Conclusion conclusion) => conclusion switch
    {
        Conclusion.Success => "success",
        Conclusion.Failure => "failure",
        Conclusion.Pending => "pending",
        _ => "success (not in scope)",
    };

    /// <summary>"origin/main" and "refs/heads/main" both name the branch "main" that a pull request would target.</summary>
    internal static string BranchName(string reference)
    {
        foreach (var prefix in new[] { "refs/heads/", "refs/remotes/origin/", "origin/" })
            if (reference.StartsWith(prefix, StringComparison.Ordinal))
                return reference[prefix.Length..];
        return reference;
    }

    private static async Task<string?> DefaultBranchAsync(string repository, CancellationToken cancellationToken)
    {
        try
        {
            var head = await GitCommand.RunAsync(repository, ["symbolic-ref", "--short", "refs/remotes/origin/HEAD"], cancellationToken);
            return BranchName(head.Trim());
        }
        catch (GitCommandException)
        {
            return null; // no remote HEAD known: the base branch is taken as the default branch
        }
    }
}
