using Bot.Evidence.Commands;

namespace Bot.Evidence.Tests.Postgres;

/// <summary><c>bot backup</c> copies SQLite files: on a PostgreSQL store it refuses, writes nothing, and says what to do
/// instead (PostgreSQL's own backups, <c>bot verify --checkpoint</c> after a restore).</summary>
public sealed class PostgresBackupTests : OnePostgresDatabase
{
    [Test]
    public async Task Backup_refuses_a_postgres_store_and_names_pg_dump_and_the_check_after_a_restore()
    {
        var provider = EvidenceProviders.For(new EvidenceStoreOptions { Provider = EvidenceProviders.Postgres, ConnectionString = _connectionString });
        await using (provider.Open())
        {
        }
        var folder = Directory.CreateTempSubdirectory("bot-backup-");
        try
        {
            var target = Path.Combine(folder.FullName, "copy.db");
            using var output = new StringWriter();
            using var error = new StringWriter();

            var code = provider.Backup.Backup(target, output, error);

            Assert.That(code, Is.EqualTo(IStoreBackup.BadInput));
            Assert.That(error.ToString(), Does.Contain("pg_dump").And.Contain("bot verify --checkpoint"));
            Assert.That(folder.GetFileSystemInfos(), Is.Empty, "nothing written");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
