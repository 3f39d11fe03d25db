using Bot.Evidence.Storage;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Commands;

/// <summary>The logic of <c>bot backup</c>: a consistent copy of a store that may be in use, checked before it is kept.</summary>
public static class EvidenceBackup
{
    public const int Ok = 0;
    public const int CopyDoesNotVerify = 1;
    public const int BadInput = 2;

    /// <summary>
    /// Copies <paramref name="dbPath"/> with <c>VACUUM INTO</c>: one read transaction, so the copy is the store as of one
    /// moment even while the service writes (in WAL mode a reader blocks no writer), compacted, and without the WAL beside
    /// it. The copy is written next to <paramref name="outPath"/>, synced to disk (SQLite does not sync what VACUUM INTO
    /// writes), verified with the same code as <c>bot verify</c>, and only then moved to <paramref name="outPath"/>, so a
    /// failed backup leaves no file that looks like one. A copy whose chain does not verify is still kept (it is what the
    /// store holds) and the exit code is 1. An existing <paramref name="outPath"/> is never overwritten.
    /// </summary>
    public static int Backup(string dbPath, string outPath, byte[]? hmacKey, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var target = Path.GetFullPath(outPath);
        if (File.Exists(target))
        {
            error.WriteLine($"error: {target} already exists; backups are never overwritten");
            return BadInput;
        }
        if (Path.GetDirectoryName(target) is { } folder && !Directory.Exists(folder))
        {
            error.WriteLine($"error: the folder {folder} does not exist");
            return BadInput;
        }

        var partial = target + ".partial-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            using (var connection = EvidenceCommands.OpenForReading(dbPath))
            {
                connection.Execute("VACUUM INTO @partial", new { partial });
            }
            using (var copy = new FileStream(partial, FileMode.Open, FileAccess.ReadWrite))
            {
                copy.Flush(flushToDisk: true);
            }

            var verified = EvidenceCommands.Verify(partial, hmacKey, checkpointFile: null, output);
            // Verify's pooled connections still hold the copy open; a file in use cannot be moved everywhere.
            SqliteConnection.ClearAllPools();
            File.Move(partial, target, overwrite: false);
            var bytes = new FileInfo(target).Length;
            if (verified != 0)
            {
                error.WriteLine($"backup written to {target} ({bytes} bytes), but its chain does not verify (see above): the store itself holds that break");
                return CopyDoesNotVerify;
            }
            output.WriteLine($"backup written to {target} ({bytes} bytes)");
            return Ok;
        }
        catch (Exception e) when (e is IOException or SqliteException or EvidenceSchemaException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return CopyDoesNotVerify;
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
