using Bot.Evidence.Chain;
using Bot.Evidence.Commands;
using Bot.Evidence.Storage;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Bot.Evidence.Postgres;

/// <summary>
/// <c>bot store copy --from sqlite:PATH --to postgres:CONNSTRING</c>: moves a SQLite store into an empty PostgreSQL
/// database row by row, every column as stored (seq, prev_hash and hash unchanged, so every chain verifies to the same
/// head), together with the state the service needs (the inbox with its bodies, the check-run cache, the deliveries
/// pass's mark, the reconciliation ledger, the chain key's identifier). One transaction: a failed copy leaves the target empty. Both stores are
/// verified, before and after, and the heads compared.
/// </summary>
public static class SqliteToPostgresCopy
{
    // In the order foreign keys need: deliveries before the records naming them, decisions before the changes naming them.
    private static readonly string[] Tables =
    [
        "chain_settings", "deliveries", "delivery_bodies", "decisions", "changes", "overrides", "merge_group_decisions",
        "check_runs", "recorded_deliveries_mark", "delivery_retention_gaps", "reconciled_branches",
    ];

    // The tables whose ids an identity column hands out: after the copy it continues after the highest copied id.
    private static readonly string[] Identities = ["deliveries", "delivery_retention_gaps"];

    /// <returns>0 when copied and both stores verify to the same heads; 1 otherwise (the reason on <paramref name="error"/>).</returns>
    public static int Copy(string sqlitePath, string connectionString, byte[]? hmacKey, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            using var source = SqliteChainSnapshot.OpenForReading(sqlitePath);
            var version = Migrator.CurrentVersion(source, null);
            if (version != Migrator.LatestVersion)
            {
                error.WriteLine($"error: {sqlitePath} has schema version {version}; run `bot migrate` on it with this bot first (it needs {Migrator.LatestVersion}).");
                return 1;
            }
            using var before = new StringWriter();
            if (EvidenceProviders.For(new EvidenceStoreOptions { DatabasePath = sqlitePath, HmacKey = hmacKey }).Chains.Verify(null, before) != 0)
            {
                error.Write(before.ToString());
                error.WriteLine($"error: {sqlitePath} does not verify; nothing was copied.");
                return 1;
            }

            using var database = new PostgresDatabase(connectionString);
            using (var target = database.Open())
            {
                PostgresMigrator.Apply(target, database.Location);
                if (Tables.FirstOrDefault(t => target.ExecuteScalar<bool>($"SELECT EXISTS (SELECT 1 FROM {t})")) is { } used)
                {
                    error.WriteLine($"error: {database.Location} is not empty ({used} has rows); store copy only fills an empty store.");
                    return 1;
                }
                using var transaction = target.BeginTransaction();
                using var snapshot = source.BeginTransaction(deferred: true);
                foreach (var table in Tables)
                {
                    var rows = CopyTable(source, snapshot, target, table);
                    output.WriteLine($"{table}: {rows} rows");
                }
                foreach (var table in Identities)
                {
                    target.Execute($"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)",
                        transaction: transaction);
                }
                transaction.Commit();
            }

            using var after = new StringWriter();
            var verified = EvidenceProviders.For(new EvidenceStoreOptions
            {
                Provider = EvidenceProviders.Postgres, ConnectionString = connectionString, HmacKey = hmacKey,
            }).Chains.Verify(null, after);
            if (verified != 0 || after.ToString() != before.ToString())
            {
                error.WriteLine("error: the copy does not verify to the source's heads:");
                error.Write("source:\n" + before + "copy:\n" + after);
                return 1;
            }
            output.Write(after.ToString());
            output.WriteLine($"copied {sqlitePath} to {database.Location}: every chain verifies to the same head");
            return 0;
        }
        catch (Exception e) when (e is IOException or SqliteException or NpgsqlException or EvidenceSchemaException or ArgumentException
                                  or UnauthorizedAccessException or InvalidOperationException)
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    /// <summary>Copies every row of <paramref name="table"/> with binary COPY, column for column (the schemas have the same
    /// columns in the same order: PostgresSchemaTests).</summary>
    private static long CopyTable(SqliteConnection source, SqliteTransaction snapshot, NpgsqlConnection target, string table)
    {
        var columns = target.Query<(string Name, string Type)>(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table ORDER BY ordinal_position",
            new { table }).ToList();
        var types = columns.Select(c => c.Type switch
        {
            "bigint" => NpgsqlDbType.Bigint,
            "bytea" => NpgsqlDbType.Bytea,
            "text" => NpgsqlDbType.Text,
            var other => throw new InvalidOperationException($"{table}: column type {other} has no copy rule"),
        }).ToArray();
        var list = string.Join(", ", columns.Select(c => c.Name));

        using var read = source.CreateCommand();
        read.Transaction = snapshot;
        read.CommandText = $"SELECT {list} FROM {table}";
        using var reader = read.ExecuteReader();
        using var writer = target.BeginBinaryImport($"COPY {table} ({list}) FROM STDIN (FORMAT BINARY)");
        long rows = 0;
        while (reader.Read())
        {
            writer.StartRow();
            for (var i = 0; i < types.Length; i++)
            {
                if (reader.IsDBNull(i))
                {
                    writer.WriteNull();
                }
                else
                {
                    switch (types[i])
                    {
                        case NpgsqlDbType.Bigint:
                            writer.Write(reader.GetInt64(i), NpgsqlDbType.Bigint);
                            break;
                        case NpgsqlDbType.Bytea:
                            writer.Write((byte[])reader.GetValue(i), NpgsqlDbType.Bytea);
                            break;
                        default:
                            writer.Write(reader.GetString(i), NpgsqlDbType.Text);
                            break;
                    }
                }
            }
            rows++;
        }
        writer.Complete();
        return rows;
    }
}
