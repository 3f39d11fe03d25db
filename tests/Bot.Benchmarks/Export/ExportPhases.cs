using System.Diagnostics;
using Bot.Evidence.Chain;
using Bot.Evidence.Changes;
using Bot.Evidence.Export;
using Bot.Evidence.Overrides;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Bot.Benchmarks.Export;

/// <summary><c>export-quick --phases</c>: times the parts of an export one after the other, to see where the time goes.</summary>
internal static class ExportPhases
{
    public static void Run(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        connection.Execute("PRAGMA mmap_size = 17179869184; PRAGMA cache_size = -65536;");
        connection.Execute("BEGIN DEFERRED");
        var hasher = new ChainHasher(null);
        foreach (var table in EvidenceChains.All)
        {
            Time($"verify {table.Name}", () => ChainVerifier.Verify(connection, table, hasher, null).Records);
        }
        foreach (var (name, sql) in new[]
        {
            ("keys, rowid order", "SELECT c.seq, c.repository, c.base_ref, c.change_id, c.kind FROM changes c"),
            ("keys, index order", "SELECT c.seq FROM changes c INDEXED BY changes_by_key ORDER BY c.repository, c.base_ref, c.change_id, c.kind"),
            ("rows, rowid order", "SELECT c.title, c.findings_json, d.approvals_json FROM changes c LEFT JOIN decisions d ON d.seq = c.decision_seq"),
            ("rows, index order", "SELECT c.title, c.findings_json, d.approvals_json FROM changes c INDEXED BY changes_by_key LEFT JOIN decisions d ON d.seq = c.decision_seq ORDER BY c.repository, c.base_ref, c.change_id, c.kind"),
        })
        {
            Time(name, () =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = sql;
                using var reader = command.ExecuteReader();
                long n = 0;
                while (reader.Read())
                {
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        _ = reader.IsDBNull(i) ? null : reader.GetValue(i);
                    }
                    n++;
                }
                return n;
            });
        }
        const string exportQuery = "SELECT " + ExportRowReader.SelectList
            + " FROM changes c INDEXED BY changes_by_key LEFT JOIN decisions d ON d.seq = c.decision_seq ORDER BY c.repository, c.base_ref, c.change_id, c.kind";
        var overrides = new OverrideLookup(connection);
        Time("export rows, copy", () => Export(connection, exportQuery, overrides, null));
        Time("export rows, copy + format", () => Export(connection, exportQuery, overrides, _ => { }));
        using (var csv = IExportWriter.Create(ExportFormat.Csv, Stream.Null))
        {
            Time("export rows, copy + format + CSV", () => Export(connection, exportQuery, overrides, csv.Write));
        }
        connection.Execute("COMMIT");
    }

    private static long Export(SqliteConnection connection, string sql, IOverrideLookup overrides, Action<ExportRow>? write)
    {
        using var source = new ExportRowSource(connection, sql, []);
        var rows = new ExportRowReader("https://github.com", overrides);
        var batch = new RecordBatch(source.Columns);
        long n = 0;
        bool more;
        do
        {
            more = source.Fill(batch, null);
            for (var record = 0; write is not null && record < batch.Count; record++)
            {
                write(rows.Read(batch, record));
                n++;
            }
        }
        while (more);
        return n;
    }

    private static void Time(string phase, Func<long> action)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var n = action();
        process.Refresh();
        Console.WriteLine($"{phase}: {n} in {wall.Elapsed.TotalSeconds:F2} s wall, {(process.TotalProcessorTime - cpu).TotalSeconds:F2} s CPU (load {File.ReadAllText("/proc/loadavg")[..14]})");
    }
}
