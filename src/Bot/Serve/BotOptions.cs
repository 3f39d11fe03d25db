namespace Bot.Serve;

/// <summary>Configuration of <c>bot serve</c>, bound from appsettings.json and environment variables (<c>GitHub__AppId</c>, ...).
/// appsettings.example.json at the repository root documents every key.</summary>
public sealed class GitHubOptions
{
    public const string Section = "GitHub";

    public string ApiBaseUrl { get; set; } = "https://api.github.com";
    public string? AppId { get; set; }
    public string? PrivateKeyPath { get; set; }
    public string? PrivateKey { get; set; }
    public string? WebhookSecret { get; set; }
    public string WebhookPath { get; set; } = "/webhooks/github";

    /// <summary>Largest webhook body accepted. GitHub caps payloads at 25 MB; the margin keeps a real one from being refused.</summary>
    public long MaxBodyBytes { get; set; } = 25L * 1024 * 1024 + 512 * 1024;

    /// <summary>How long a webhook waits for the inbox to store it before it is answered 503 (GitHub gives up after 10 s;
    /// a 503 lets the delivery be redelivered, a 2xx is only given once it is on disk).</summary>
    public double WebhookStoreTimeoutSeconds { get; set; } = 5;

    public string UserAgent { get; set; } = "ai-change-control-bot";

    /// <summary>Retries, backoff, per-attempt timeout and circuit breaker for calls to GitHub (GitHub:Resilience:*).</summary>
    public Bot.GitHub.Http.GitHubResilienceOptions Resilience { get; set; } = new();
}

public sealed class EvidenceOptions
{
    public const string Section = "Evidence";

    public string DatabasePath { get; set; } = "data/bot.db";

    /// <summary>Optional HMAC key (any text; UTF-8 bytes are used). With a key, recomputing the chain needs the key.</summary>
    public string? HmacKey { get; set; }
}

public sealed class PolicyOptions
{
    public const string Section = "Policy";

    /// <summary>The server's default policy when neither the repository nor the owner's .github repository has one.
    /// Empty: the built-in defaults of policy.md §6.</summary>
    public string? DefaultPolicyPath { get; set; }
}

public sealed class ChecksOptions
{
    public const string Section = "Checks";

    public string Name { get; set; } = "AI Change Control";
    public bool PostCommitStatus { get; set; }

    /// <summary>Link shown on the check run; empty: GitHub links the App's page.</summary>
    public string? DetailsUrl { get; set; }
}

public sealed class WorkerOptions
{
    public const string Section = "Worker";

    /// <summary>False: this process only takes deliveries in (verified, stored durably, answered) and leaves them pending
    /// in the inbox; it evaluates nothing and runs no reconcile sweep. For pausing evaluations without losing a webhook
    /// (a GitHub incident, a migration), for intake-only replicas beside a worker on a shared PostgreSQL store, and for
    /// measuring what intake alone costs (the load tool's <c>--intake-only</c>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Pull requests evaluated at the same time.</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>Deliveries taken from the inbox and not yet finished. Deliveries for a pull request that is being evaluated
    /// wait together and share its next evaluation, so a larger window collapses bursts into fewer evaluations; a waiting
    /// delivery holds no body, only its route.</summary>
    public int MaxInFlight { get; set; } = 1024;

    /// <summary>Attempts before a delivery is marked failed.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>First retry delay; doubles on each further attempt.</summary>
    public double RetryBaseSeconds { get; set; } = 5;

    /// <summary>How often the inbox is polled for deliveries whose retry time has come.</summary>
    public double PollSeconds { get; set; } = 1;
}

/// <summary>Nothing missed (policy.md §8): the stale-check sweep and the population reconciliation with branch history.</summary>
public sealed class ReconcileOptions
{
    public const string Section = "Reconcile";

    /// <summary>How often the stale-check sweep runs (and once at start-up).</summary>
    public double IntervalMinutes { get; set; } = 15;
    public bool Enabled { get; set; } = true;

    /// <summary>How often the population is reconciled with the history of every in-scope branch (and once at start-up).
    /// The export's "reconciled through" lags behind by at most this much.</summary>
    public double PopulationIntervalMinutes { get; set; } = 60;

    /// <summary>Evaluations the sweep runs at once; kept below <see cref="WorkerOptions.Concurrency"/> (when that is more than
    /// 1), so that deliveries are never queued behind a sweep.</summary>
    public int Concurrency { get; set; } = 2;
}
