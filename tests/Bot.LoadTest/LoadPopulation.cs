using System.Text;
using System.Text.Json.Nodes;
using Bot.FakeGitHub;

namespace Bot.LoadTest;

/// <summary>What a pull request of the population must end as; the load tool and the fault tests judge against it.</summary>
public enum Expected { Success, Failure, Pending }

public sealed record PopulationPullRequest(string Repository, int Number, string HeadSha, Expected Expected);

/// <summary>M pull requests in the fake GitHub whose right conclusion is known by construction (policy.md): an AI-assisted
/// change approved by another human succeeds; one approved only by its prompter stays pending; one declaring both
/// checkboxes fails. Deliveries are derived from the real fixtures, retargeted at these pull requests.</summary>
public sealed class LoadPopulation
{
    public const string Repository = "load/app";
    private static readonly FakeUser Author = new(100, "alice");
    private static readonly FakeUser Reviewer = new(200, "bob");

    private const string AiBody = """
        ## AI assistance
        - [x] This change includes AI-assisted code
        - [ ] This change does not include AI-assisted code
        - [x] No secrets, credentials or customer data were entered into AI tools for this change
        """;

    // Bodies are built once per pull request so that sending costs no JSON work.
    private readonly (byte[] Opened, byte[] Review)[] _bodies;

    private LoadPopulation(IReadOnlyList<PopulationPullRequest> pullRequests)
    {
        PullRequests = pullRequests;
        var opened = Fixture("pull_request", "opened.payload.json");
        var review = Fixture("pull_request_review", "submitted.payload.json");
        _bodies = [.. pullRequests.Select(pr => (Retarget(opened, pr, review: false), Retarget(review, pr, review: true)))];
    }

    public IReadOnlyList<PopulationPullRequest> PullRequests { get; }

    public static LoadPopulation Create(FakeGitHubServer github, int count)
    {
        ArgumentNullException.ThrowIfNull(github);
        github.AddRepository(Repository);
        var list = new List<PopulationPullRequest>(count);
        for (var number = 1; number <= count; number++)
        {
            var expected = (Expected)(number % 3);
            // Padded with '0', which no hex number starts with: padded with 'a', #1 and #161 (0xa1) had the same head.
            var head = number.ToString("x", System.Globalization.CultureInfo.InvariantCulture).PadLeft(40, '0');
            var body = expected == Expected.Failure
                ? AiBody.Replace("- [ ] This change does not", "- [x] This change does not", StringComparison.Ordinal)
                : AiBody;
            var pr = github.AddPullRequest(Repository, number, Author, head, body: body);
            github.AddCommit(pr, head, "Add the parser\n\nAI-Assisted: Cursor 0.45 / claude-3.7-sonnet\n", Author);
            github.AddFile(pr, "src/parser.cs");
            github.AddReview(pr, expected == Expected.Pending ? Author : Reviewer, "APPROVED");
            list.Add(new PopulationPullRequest(Repository, number, head, expected));
        }
        return new LoadPopulation(list);
    }

    public static string ConclusionOf(Expected expected) => expected switch
    {
        Expected.Success => "success",
        Expected.Failure => "failure",
        _ => "",
    };

    /// <summary>The <paramref name="index"/>-th delivery of a run: pull_request and pull_request_review events in turn,
    /// spread over the pull requests.</summary>
    public (string Event, byte[] Body) Delivery(int index)
    {
        var bodies = _bodies[index % _bodies.Length];
        return (index / _bodies.Length) % 2 == 0 ? ("pull_request", bodies.Opened) : ("pull_request_review", bodies.Review);
    }

    private static byte[] Retarget(byte[] fixture, PopulationPullRequest target, bool review)
    {
        var node = JsonNode.Parse(fixture)!;
        var pr = node["pull_request"]!;
        pr["number"] = target.Number;
        pr["head"]!["sha"] = target.HeadSha;
        if (review) node["review"]!["commit_id"] = target.HeadSha;
        else node["number"] = target.Number;
        var parts = target.Repository.Split('/');
        node["repository"]!["full_name"] = target.Repository;
        node["repository"]!["name"] = parts[1];
        node["repository"]!["owner"]!["login"] = parts[0];
        node["installation"] = new JsonObject { ["id"] = FakeGitHubServer.DefaultInstallationId };
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static byte[] Fixture(string eventName, string file) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", eventName, file));
}
