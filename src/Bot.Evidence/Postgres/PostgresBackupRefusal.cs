using Bot.Evidence.Commands;

namespace Bot.Evidence.Postgres;

/// <summary><c>bot backup</c> on a PostgreSQL store: refused with a pointer to PostgreSQL's own tools. The command copies a
/// SQLite file (VACUUM INTO); a database server is backed up by pg_dump or base backups, which an operator of PostgreSQL
/// already runs, and <c>bot verify --checkpoint</c> after a restore is the check (docs/operations.md).</summary>
internal sealed class PostgresBackupRefusal : IStoreBackup
{
    public static PostgresBackupRefusal Instance { get; } = new();

    public int Backup(string outPath, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        error.WriteLine("error: bot backup copies a SQLite file; back a PostgreSQL store up with its own tools (pg_dump, base backups), "
            + "then check a restored copy with `bot verify --checkpoint` (docs/operations.md, Backup and restore).");
        return IStoreBackup.BadInput;
    }
}
