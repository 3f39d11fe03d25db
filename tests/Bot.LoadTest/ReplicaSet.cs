using Bot.FakeGitHub;

namespace Bot.LoadTest;

/// <summary>The <c>bot serve</c> processes of a run (<see cref="LoadSettings.Replicas"/>), each with a sender, and the store
/// they share: the SQLite file of the one process, or the PostgreSQL database of all of them. CPU is their sum, peak RSS
/// their largest.</summary>
public sealed class ReplicaSet : IAsyncDisposable
{
    private readonly List<BotProcess> _processes = [];
    private readonly List<DeliverySender> _senders = [];

    private ReplicaSet(ServiceDatabase database) => Database = database;

    public ServiceDatabase Database { get; private set; }

    public IReadOnlyList<DeliverySender> Senders => _senders;

    public static async Task<ReplicaSet> StartAsync(string folder, FakeGitHubServer github, LoadSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Replicas < 1 || (settings.Replicas > 1 && settings.PostgresConnectionString is null))
            throw new ArgumentException("several replicas need a PostgreSQL store (one process per SQLite file)", nameof(settings));
        var environment = new Dictionary<string, string>();
        if (settings.IntakeOnly) environment["Worker__Enabled"] = "false";
        if (settings.PostgresConnectionString is { } connectionString)
        {
            environment["Evidence__Provider"] = "postgres";
            environment["Evidence__ConnectionString"] = connectionString;
        }
        var set = new ReplicaSet(null!);
        try
        {
            for (var i = 0; i < settings.Replicas; i++)
            {
                var replicaFolder = settings.Replicas == 1 ? folder : Directory.CreateDirectory(Path.Combine(folder, $"replica-{i}")).FullName;
                var process = await BotProcess.StartAsync(replicaFolder, github, environment);
                set._processes.Add(process);
                set._senders.Add(new DeliverySender(process.BaseUrl, BotProcess.Secret));
            }
            set.Database = settings.PostgresConnectionString is { } postgres
                ? ServiceDatabase.Postgres(postgres)
                : new ServiceDatabase(set._processes[0].DatabasePath);
            return set;
        }
        catch
        {
            await set.DisposeAsync();
            throw;
        }
    }

    public TimeSpan CpuTime() => _processes.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.CpuTime());

    public long PeakRssBytes() => _processes.Count == 0 ? 0 : _processes.Max(p => p.PeakRssBytes());

    public async ValueTask DisposeAsync()
    {
        foreach (var sender in _senders) sender.Dispose();
        foreach (var process in _processes) await process.DisposeAsync();
    }
}
