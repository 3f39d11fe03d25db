using Bot.Evidence.Changes;
using Bot.Evidence.Decisions;
using Bot.Evidence.MergeGroups;
using Bot.Evidence.Overrides;
using Bot.Evidence.Storage;
using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Tests;

/// <summary>A real SQLite file in its own temp folder, removed afterwards.</summary>
internal sealed class TestDatabase : IDisposable
{
    public TestDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "bot-evidence-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, "data", "bot.db");
    }

    public string Folder { get; }

    public string FilePath { get; }

    public SqliteEvidenceStore Open(byte[]? hmacKey = null, TimeProvider? clock = null) =>
        SqliteEvidenceStore.Open(new EvidenceStoreOptions { DatabasePath = FilePath, HmacKey = hmacKey, Clock = clock ?? TimeProvider.System });

    /// <summary>What an attacker with file access has: plain SQL, no bot code, no triggers in the way unless kept.</summary>
    public SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = FilePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public void Sql(string sql)
    {
        using var connection = OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void DropEvidenceTriggers() => Sql("DROP TRIGGER decisions_no_update; DROP TRIGGER decisions_no_delete;");

    /// <summary>Cuts the newest <paramref name="count"/> records off <paramref name="chain"/>, its delete trigger dropped first,
    /// as someone with file access would to make evidence disappear.</summary>
    public void DeleteNewest(string chain, int count) =>
        Sql($"DROP TRIGGER {chain}_no_delete; DELETE FROM {chain} WHERE seq > (SELECT MAX(seq) FROM {chain}) - {count};");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }

    public static DecisionRecord Decision(int n, string? deliveryId = null) => new()
    {
        RecordedAt = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero).AddSeconds(n),
        InstallationId = 42,
        Repository = "acme/payments",
        PullRequestNumber = 7 + (n % 3),
        HeadSha = $"{n:x8}aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        BaseRef = "main",
        DeliveryId = deliveryId,
        BodySha256 = new string('b', 64),
        BotVersion = "1.0.0-test",
        PolicySource = "acme/payments:.github/ai-compliance.yml@main",
        PolicySha256 = new string('c', 64),
        Conclusion = n % 2 == 0 ? "success" : "failure",
        Title = $"Decision {n} — “quoted” \"and\" \\ escaped\n",
        AiAssisted = n % 2 == 1,
        ToolsJson = """["Cursor 0.45 / claude-3.7-sonnet"]""",
        ContributorsJson = """[{"id":1,"login":"alice"}]""",
        ApprovalsJson = """[{"id":2,"login":"bob","qualifies":true}]""",
        RulesJson = """[{"id":"declaration","result":"pass","message":"ok"}]""",
        DecisionJson = $$"""{"n":{{n}}}""",
        CheckRunId = n % 4 == 0 ? null : 1000 + n,
    };

    /// <summary>A direct push of commit <paramref name="n"/>, as <c>bot scan</c> records one.</summary>
    public static ChangeRecord Change(int n) => new()
    {
        RecordedAt = new DateTimeOffset(2025, 3, 2, 12, 0, 0, TimeSpan.Zero).AddSeconds(n),
        InstallationId = 42,
        Repository = "acme/payments",
        Kind = ChangeKinds.DirectPush,
        ChangeId = $"{n:x8}cccccccccccccccccccccccccccccccc",
        Title = $"Direct change {n}",
        Author = "alice",
        MergedBy = "alice",
        MergedAt = new DateTimeOffset(2025, 3, 2, 12, 0, 0, TimeSpan.Zero).AddSeconds(n),
        BaseRef = "main",
        CommitShas = [$"{n:x8}cccccccccccccccccccccccccccccccc"],
        AiAssisted = false,
        AiTools = [],
        Findings = [new ChangeFinding(FindingCodes.NoPullRequest, "pushed directly")],
        Source = "scan",
    };

    public static MergeGroupRecord MergeGroup(int n, string? deliveryId = null) => new()
    {
        RecordedAt = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero).AddSeconds(n),
        InstallationId = 42,
        Repository = "acme/payments",
        BaseRef = "main",
        BaseSha = new string('b', 40),
        HeadRef = $"refs/heads/gh-readonly-queue/main/pr-{n}-{new string('c', 40)}",
        HeadSha = $"{n:x8}".PadRight(40, 'd'),
        DeliveryId = deliveryId,
        BotVersion = "1.0.0-test",
        Conclusion = n % 2 == 0 ? "success" : "failure",
        Title = $"Group {n}",
        DecisionJson = $$"""{"n":{{n}}}""",
        CheckRunId = 500 + n,
    };

    public static OverrideRecord Override(int n) => new()
    {
        RecordedAt = new DateTimeOffset(2025, 3, 3, 12, 0, 0, TimeSpan.Zero).AddSeconds(n),
        InstallationId = 42,
        Repository = "acme/payments",
        PullRequestNumber = n,
        HeadSha = $"{n:x8}dddddddddddddddddddddddddddddddd",
        Action = "override",
        ApproverId = 9,
        ApproverLogin = "dana",
        Reason = $"emergency fix {n}",
        FailedRulesJson = "[\"review\"]",
        CommentId = 5000 + n,
    };
}
