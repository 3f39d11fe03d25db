using Bot.Evidence.Storage;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Commands;

/// <summary><c>bot backup</c> of the SQLite file: a consistent copy of a store that may be in use, checked before it is kept.</summary>
internal sealed class SqliteStoreBackup(string dbPath, byte[]? hmacKey) : IStoreBackup
{

    /// <summary>
    /// Copies <paramref name="dbPath"/> with <c>VACUUM INTO</c>: one read transaction, so the copy is the store as of one
    /// moment even while the service writes (in WAL mode a reader blocks no writer), compacted, and without the WAL beside
    /// it. The copy is written next to <paramref name="outPath"/>, synced to disk (SQLite does not sync what VACUUM INTO
    /// writes), verified with the same code as <c>bot verify</c>, and only then moved to <paramref name="outPath"/>, so a
    /// failed backup leaves no file that looks like one. A copy whose chain does not verify is still kept (it is what the
    /// store holds) and the exit code is 1. An existing <paramref name="outPath"/> is never overwritten.
    /// </summary>
    public int Backup(string outPath, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var target = Path.GetFullPath(outPath);
        if (File.Exists(target))
        {
            error.WriteLine($"error: {target} already exists; backups are never overwritten");
            return IStoreBackup.BadInput;
        }
        if (Path.GetDirectoryName(target) is { } folder && !Directory.Exists(folder))
        {
            error.WriteLine($"error: the folder {folder} does not exist");
            return IStoreBackup.BadInput;
        }

        var partial = target + ".partial-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            using (var connection = SqliteChainSnapshot.OpenForReading(dbPath))
            {
                connection.Execute("VACUUM INTO @partial", new { partial });
            }
            using (var copy = new FileStream(partial, FileMode.Open, FileAccess.ReadWrite))
            {
                copy.Flush(flushToDisk: true);
            }

            var verified = new SqliteEvidenceProvider(new EvidenceStoreOptions { DatabasePath = partial, HmacKey = hmacKey }).Chains.Verify(null, output);
            // Verify's pooled connections still hold the copy open; a file in use cannot be moved everywhere.
            SqliteConnection.ClearAllPools();
            File.Move(partial, target, overwrite: false);
            var bytes = new FileInfo(target).Length;
            if (verified != 0)
            {
                error.WriteLine($"backup written to {target} ({bytes} bytes), but its chain does not verify (see above): the store itself holds that break");
                return IStoreBackup.CopyDoesNotVerify;
            }
            output.WriteLine($"backup written to {target} ({bytes} bytes)");
            return IStoreBackup.Ok;
        }
        catch (Exception e) when (e is IOException or SqliteException or EvidenceSchemaException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return IStoreBackup.CopyDoesNotVerify;
        }
        finally
        {
            foreach (var leftover in new[] { partial, partial + "-wal", partial + "-shm" })
            {
                if (File.Exists(leftover)) File.Delete(leftover);
            }
        }
    }
}
