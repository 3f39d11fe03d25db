using Bot.Evidence.Inbox;
using Bot.Evidence.Postgres;
using Bot.Evidence.Storage;
using Bot.TestSupport.Postgres;
using Dapper;
using Npgsql;

namespace Bot.Evidence.Tests.Postgres;

/// <summary>The PostgreSQL schema is SQLite's (one version number, one schema), migrating is idempotent, and the
/// least-privilege role docs/evidence.md describes runs the service but cannot change evidence.</summary>
public sealed class PostgresSchemaTests
{
    private PostgresCluster _cluster = null!;
    private string _connectionString = null!;

    [OneTimeSetUp]
    public void Start() => _cluster = PostgresCluster.Acquire();

    [SetUp]
    public void NewDatabase() => _connectionString = _cluster.CreateDatabase();

    [TearDown]
    public void DropDatabase() => _cluster.DropDatabase(_connectionString);

    private IEvidenceProvider Provider(string? connectionString = null) => EvidenceProviders.For(new EvidenceStoreOptions
    {
        Provider = EvidenceProviders.Postgres,
        ConnectionString = connectionString ?? _connectionString,
    });

    [Test]
    public void Every_version_is_the_sqlite_version_with_its_description()
    {
        Assert.That(PostgresMigrations.All.Select(m => (m.Version, m.Description)),
            Is.EqualTo(Migrator.All.Select(m => (m.Version, m.Description))));
    }

    [Test]
    public void Migrate_creates_the_store_once_and_then_changes_nothing()
    {
        var provider = Provider();
        Assert.That(provider.Exists(), Is.False);

        var first = provider.Migrate();
        var second = provider.Migrate();

        Assert.That((first, second), Is.EqualTo(((long)Migrator.LatestVersion, (long)Migrator.LatestVersion)));
        Assert.That(provider.Exists(), Is.True);
        using var connection = new NpgsqlConnection(_connectionString);
        Assert.That(connection.ExecuteScalar<long>("SELECT COUNT(*) FROM schema_version"), Is.EqualTo(Migrator.All.Count));
    }

    [Test]
    public void Every_table_has_the_sqlite_columns_in_the_sqlite_order()
    {
        Provider().Migrate();
        using var sqlite = new TestDatabase();
        sqlite.Open().DisposeAsync().AsTask().GetAwaiter().GetResult();
        using var file = sqlite.OpenRaw();
        var tables = file.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").ToList();
        using var connection = new NpgsqlConnection(_connectionString);

        var pgTables = connection.Query<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name").ToList();

        Assert.That(pgTables, Is.EqualTo(tables));
        foreach (var table in tables)
        {
            var sqliteColumns = file.Query<string>($"SELECT name FROM pragma_table_info('{table}') ORDER BY cid");
            var pgColumns = connection.Query<string>(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @table ORDER BY ordinal_position",
                new { table });
            Assert.That(pgColumns, Is.EqualTo(sqliteColumns), table);
        }
    }

    [Test]
    public async Task The_documented_service_role_writes_the_store_but_cannot_change_or_unguard_evidence()
    {
        Provider().Migrate();
        var role = "bot_service_" + Guid.NewGuid().ToString("N")[..8];
        await using (var owner = new NpgsqlConnection(_connectionString))
        {
            // The grants of docs/evidence.md, PostgreSQL section.
            await owner.ExecuteAsync($"""
                CREATE ROLE {role} LOGIN;
                GRANT USAGE ON SCHEMA public TO {role};
                GRANT SELECT, INSERT ON decisions, changes, overrides, merge_group_decisions,
                                        delivery_bodies, delivery_retention_gaps, schema_version, chain_settings TO {role};
                GRANT SELECT, INSERT, UPDATE ON check_runs, recorded_deliveries_mark, leases TO {role};
                GRANT SELECT, INSERT, UPDATE (state, attempts, last_error, not_before, claimed_at, claimed_by, lease_until, processed_at) ON deliveries TO {role};
                GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {role};
                """);
        }
        var asService = new NpgsqlConnectionStringBuilder(_connectionString) { Username = role }.ConnectionString;

        await using (var store = Provider(asService).Open())
        {
            await store.Inbox.EnqueueAsync(new InboundDelivery("d-1", "push", null, 1, "acme/payments", DateTimeOffset.UtcNow, "{}"u8.ToArray()));
            await store.Inbox.ClaimAsync(1);
            await store.Inbox.MarkProcessedAsync("d-1");
            await store.Decisions.AppendAsync(TestDatabase.Decision(1, "d-1"));
        }

        await using var service = new NpgsqlConnection(asService);
        Assert.That(() => service.Execute("UPDATE decisions SET title = 'x'"), Throws.InstanceOf<PostgresException>()
            .With.Property(nameof(PostgresException.SqlState)).EqualTo(PostgresErrorCodes.InsufficientPrivilege));
        Assert.That(() => service.Execute("ALTER TABLE decisions DISABLE TRIGGER USER"), Throws.InstanceOf<PostgresException>()
            .With.Property(nameof(PostgresException.SqlState)).EqualTo(PostgresErrorCodes.InsufficientPrivilege));
        Assert.That(() => service.Execute("UPDATE deliveries SET body = ''::bytea"), Throws.InstanceOf<PostgresException>());
        Assert.That(() => service.Execute("TRUNCATE decisions"), Throws.InstanceOf<PostgresException>());
    }

    [Test]
    public async Task The_owner_is_refused_by_the_triggers_too()
    {
        await using (var store = Provider().Open())
        {
            await store.Decisions.AppendAsync(TestDatabase.Decision(1));
        }
        await using var owner = new NpgsqlConnection(_connectionString);

        Assert.That(() => owner.Execute("UPDATE decisions SET title = 'x'"), Throws.InstanceOf<PostgresException>().With.Message.Contains("append-only"));
        Assert.That(() => owner.Execute("DELETE FROM decisions"), Throws.InstanceOf<PostgresException>().With.Message.Contains("append-only"));
        Assert.That(() => owner.Execute("TRUNCATE decisions CASCADE"), Throws.InstanceOf<PostgresException>().With.Message.Contains("append-only"));
    }
}
