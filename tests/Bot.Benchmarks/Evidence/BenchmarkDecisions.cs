using System.Text;
using Bot.Evidence.Decisions;

namespace Bot.Benchmarks.Evidence;

/// <summary>How much text a benchmark decision carries.</summary>
public enum DecisionSize
{
    /// <summary>About 1 KB of text: a pull request with two commits and three rules, what most decisions hold.</summary>
    Typical,
    /// <summary>About 1.5 KB of text: seven rules with long messages; the heavy case.</summary>
    Heavy,
}

/// <summary>Decisions of realistic size and a throw-away folder.</summary>
internal static class BenchmarkDecisions
{
    private static readonly string TypicalDecisionJson =
        "{\"conclusion\":\"success\",\"rules\":[" + string.Join(",", Enumerable.Range(0, 3).Select(i =>
            $"{{\"id\":\"rule{i}\",\"result\":\"pass\",\"message\":\"Every commit carries an AI-Assisted trailer ({i}).\"}}"))
        + "],\"commits\":[{\"sha\":\"0123456789abcdef0123456789abcdef01234567\",\"ai\":\"Cursor 0.45\"}]}";

    private static readonly string HeavyDecisionJson =
        "{\"conclusion\":\"failure\",\"rules\":[" + string.Join(",", Enumerable.Range(0, 7).Select(i =>
            $"{{\"id\":\"rule{i}\",\"result\":\"pass\",\"message\":\"Every commit carries an AI-Assisted trailer naming an approved tool ({i}).\"}}"))
        + "],\"commits\":[{\"sha\":\"0123456789abcdef0123456789abcdef01234567\",\"ai\":\"Cursor 0.45 / claude-3.7-sonnet\"}]}";

    public static DecisionRecord Create(long n, DecisionSize size = DecisionSize.Heavy) => new()
    {
        RecordedAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMilliseconds(n),
        InstallationId = 4242,
        Repository = $"acme/service-{n % 50}",
        PullRequestNumber = n % 5000,
        HeadSha = n.ToString("x40"),
        BaseRef = "main",
        DeliveryId = null,
        BodySha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        BotVersion = "1.0.0",
        PolicySource = "acme/.github:.github/ai-compliance.yml@main",
        PolicySha256 = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752",
        Conclusion = n % 3 == 0 ? "failure" : "success",
        Title = "Waiting for 1 approval from a reviewer who did not author or prompt this change",
        AiAssisted = n % 2 == 0,
        ToolsJson = "[\"Cursor 0.45 / claude-3.7-sonnet\"]",
        ContributorsJson = "[{\"id\":101,\"login\":\"alice\"},{\"id\":102,\"login\":\"carol\"}]",
        ApprovalsJson = "[{\"id\":103,\"login\":\"bob\",\"state\":\"APPROVED\",\"qualifies\":true,\"why\":\"approved the head commit\"}]",
        RulesJson = "[{\"id\":\"declaration\",\"result\":\"pass\"},{\"id\":\"trailers\",\"result\":\"pass\"},{\"id\":\"review\",\"result\":\"pending\"}]",
        DecisionJson = size == DecisionSize.Typical ? TypicalDecisionJson : HeavyDecisionJson,
        CheckRunId = 900_000 + n,
    };

    /// <summary>UTF-8 bytes of text one decision of <paramref name="size"/> holds (what the table stores besides seq and the hashes).</summary>
    public static int TextBytes(DecisionSize size)
    {
        var d = Create(1, size);
        string[] texts = [d.Repository, d.HeadSha, d.BaseRef, d.BodySha256, d.BotVersion, d.PolicySource, d.PolicySha256!,
            d.Conclusion, d.Title, d.ToolsJson, d.ContributorsJson, d.ApprovalsJson, d.RulesJson, d.DecisionJson, "2025-01-01T00:00:00.0010000Z"];
        return texts.Sum(Encoding.UTF8.GetByteCount);
    }

    public static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "bot-evidence-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
