namespace Bot.Serve;

/// <summary>Configuration of <c>bot serve</c>, bound from appsettings.json and environment variables (<c>GitHub__AppId</c>, ...).
/// appsettings.example.json at the repository root documents every key.</summary>
public sealed class GitHubOptions
{
    public const string Section = "GitHub";

    public string ApiBaseUrl { get; set; } = "https://api.github.com";
    public string? AppId { get; set; }

    /// <summary><see cref="AppId"/> as the number GitHub gives the App (digits only, above 0); null when it is not one
    /// (the start-up check refuses that).</summary>
    public long? NumericAppId =>
        long.TryParse(AppId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
    public string? PrivateKeyPath { get; set; }
    public string? PrivateKey { get; set; }
    public string? WebhookSecret { get; set; }

    /// <summary>More secrets a delivery may be signed with (<c>GitHub:WebhookSecrets:0</c>, <c>:1</c>), for rotating the
    /// secret without refusing deliveries: the new one is added beside the old, GitHub is switched, the old one removed.</summary>
    public string[] WebhookSecrets { get; set; } = [];

    /// <summary>Every configured webhook secret: <see cref="WebhookSecret"/> first, then <see cref="WebhookSecrets"/>.</summary>
    public IReadOnlyList<string> AllWebhookSecrets() =>
        [.. new[] { WebhookSecret }.Concat(WebhookSecrets).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!).Distinct(StringComparer.Ordinal)];

    /// <summary>The secrets as HMAC keys (their UTF-8 bytes), in the order of <see cref="AllWebhookSecrets"/>.</summary>
    public IReadOnlyList<byte[]> WebhookSecretKeys() => [.. AllWebhookSecrets().Select(System.Text.Encoding.UTF8.GetBytes)];

    public string WebhookPath { get; set; } = "/webhooks/github";

    /// <summary>Largest webhook body accepted. GitHub caps payloads at 25 MB; the margin keeps a real one from being refused.</summary>
    public long MaxBodyBytes { get; set; } = 25L * 1024 * 1024 + 512 * 1024;

    /// <summary>Memory that webhook bodies may hold while they are read, before their signature is checked, all requests
    /// together (never less than one body of <see cref="MaxBodyBytes"/>). Unsigned bodies cannot take more than this.</summary>
    public long BodyBufferBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>How long a webhook waits for its share of <see cref="BodyBufferBytes"/> before it is answered 503 (GitHub
    /// records the failure and the delivery can be redelivered).</summary>
    public double BodyBufferWaitSeconds { get; set; } = 3;

    /// <summary>How long a webhook waits for the inbox to store it before it is answered 503 (GitHub gives up after 10 s;
    /// a 503 lets the delivery be redelivered, a 2xx is only given once it is on disk).</summary>
    public double WebhookStoreTimeoutSeconds { get; set; } = 5;

    public string UserAgent { get; set; } = Bot.GitHub.GitHubAppOptions.DefaultUserAgent;

    /// <summary>The user id of GitHub's <c>web-flow</c> account, whose commits (web merges, applied suggestions) do not make
    /// it a contributor. 19864447 on github.com; on GitHub Enterprise Server, the id of <c>web-flow</c> there.</summary>
    public long WebFlowUserId { get; set; } = Bot.Core.Model.ServerFacts.GitHubComWebFlowUserId;

    /// <summary>Retries, backoff, per-attempt timeout and circuit breaker for calls to GitHub (GitHub:Resilience:*).</summary>
    public Bot.GitHub.Http.GitHubResilienceOptions Resilience { get; set; } = new();
}

public sealed class EvidenceOptions
{
    public const string Section = "Evidence";

    /// <summary>Which database holds the store: <c>sqlite</c> (the default: <see cref="DatabasePath"/>) or <c>postgres</c>
    /// (<see cref="ConnectionString"/>; several replicas may share it).</summary>
    public string Provider { get; set; } = Bot.Evidence.EvidenceProviders.Sqlite;

    public string DatabasePath { get; set; } = "data/bot.db";

    /// <summary>The PostgreSQL connection string (provider <c>postgres</c>): <c>Host=…;Database=…;Username=…;Password=…</c>.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>HMAC key of the hash chain (text; its UTF-8 bytes are used, at least <see cref="StartupCheck.MinimumSecretBytes"/>).
    /// With a key, recomputing the chain needs the key. Required unless <see cref="AllowUnkeyedChain"/>.</summary>
    public string? HmacKey { get; set; }

    /// <summary>The chain key as the store uses it: the UTF-8 bytes of the text; null when there is none. The service and
    /// the commands (which read <c>Evidence__HmacKey</c>) decode it here, so both chain with the same bytes.</summary>
    public static byte[]? DecodeHmacKey(string? text) => string.IsNullOrEmpty(text) ? null : System.Text.Encoding.UTF8.GetBytes(text);

    /// <summary>Development only: start without <see cref="HmacKey"/>. The chain is then plain SHA-256, which anyone with
    /// write access to the file can recompute after changing a record; a store started so keeps that forever.</summary>
    public bool AllowUnkeyedChain { get; set; }

    /// <summary>How long a replica's claim on a delivery and its lease on periodic work hold without renewal (it renews
    /// both every third of this). A replica that dies is taken over by the others after at most this long.</summary>
    public double LeaseSeconds { get; set; } = 60;
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

public sealed class ReadinessOptions
{
    public const string Section = "Readiness";

    /// <summary>More pending deliveries than this and <c>/readyz</c> says not ready: the backlog is beyond what the workers
    /// will catch up with soon (GitHub down for long, workers disabled), and a load balancer should send no more.</summary>
    public long MaxPendingDeliveries { get; set; } = 100_000;

    /// <summary>How long <c>/readyz</c> waits for the database's write lock before it says not ready.</summary>
    public double WriteProbeSeconds { get; set; } = 2;
}

/// <summary><c>GET /metrics</c> (Prometheus text format) and <c>GET /status</c>, the operator's views of the service. OTLP export
/// is switched on by the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable, not here.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>Serve <c>/metrics</c> on this port only (an internal port a scraper reaches but the internet does not);
    /// that port answers nothing else. Null: <c>/metrics</c> is on the service's own port.</summary>
    public int? Port { get; set; }

    /// <summary>The interface of <see cref="Port"/>: <c>*</c> (every interface) or an address such as <c>127.0.0.1</c>.</summary>
    public string Host { get; set; } = "*";

    /// <summary>When set, <c>/metrics</c> needs <c>Authorization: Bearer TOKEN</c> (compared in constant time; else 401), and
    /// <c>/status</c> answers only with it. Empty: <c>/metrics</c> is open and <c>/status</c> is off (404).</summary>
    public string? Token { get; set; }
}
