using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Bot.LoadTest;

/// <summary>Reads the service's inbox and evidence from its SQLite file (WAL: reading does not block the service), or from
/// the PostgreSQL database its replicas share (<see cref="Postgres"/>): the queries are the same on both.</summary>
public sealed class ServiceDatabase
{
    private readonly Func<DbConnection> _connect;
    private readonly string _hasTableSql;

    public ServiceDatabase(string path)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString();
        _connect = () => new SqliteConnection(connectionString);
        _hasTableSql = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'recorded_deliveries_mark'";
    }

    private ServiceDatabase(Func<DbConnection> connect, string hasTableSql)
    {
        _connect = connect;
        _hasTableSql = hasTableSql;
    }

    /// <summary>The store of replicas on PostgreSQL at <paramref name="connectionString"/>.</summary>
    public static ServiceDatabase Postgres(string connectionString) => new(
        () => new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString),
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'recorded_deliveries_mark'");

    public Dictionary<string, long> CountByState() =>
        Query("SELECT state, COUNT(*) FROM deliveries GROUP BY state", r => (r.GetString(0), r.GetInt64(1)))
            .ToDictionary(x => x.Item1, x => x.Item2, StringComparer.Ordinal);

    /// <summary>Deliveries still waiting to be worked on (pending, including retries, or in processing).</summary>
    public long Unfinished()
    {
        var counts = CountByState();
        return counts.GetValueOrDefault("pending") + counts.GetValueOrDefault("processing");
    }

    public Dictionary<string, string> StateByDelivery() =>
        Query("SELECT delivery_guid, state FROM deliveries", r => (r.GetString(0), r.GetString(1)))
            .ToDictionary(x => x.Item1, x => x.Item2, StringComparer.Ordinal);

    public long Decisions() => Query("SELECT COUNT(*) FROM decisions", r => r.GetInt64(0)).Single();

    /// <summary>Changes recorded in the population.</summary>
    public long Changes() => Query("SELECT COUNT(*) FROM changes", r => r.GetInt64(0)).Single();

    /// <summary>Whether a deliveries pass has run on this file (it leaves its mark).</summary>
    public bool DeliveriesPassed() =>
        Query(_hasTableSql, r => r.GetInt64(0)).Single() == 1
        && Query("SELECT COUNT(*) FROM recorded_deliveries_mark", r => r.GetInt64(0)).Single() == 1;

    /// <summary>Delivery GUIDs named by more than one evidence record: a delivery whose evaluation was recorded twice.</summary>
    public IReadOnlyList<string> DeliveriesRecordedTwice() =>
        Query("SELECT delivery_id FROM decisions WHERE delivery_id IS NOT NULL GROUP BY delivery_id HAVING COUNT(*) > 1", r => r.GetString(0));

    /// <summary>For every evidence record naming one of <paramref name="deliveryIds"/>: milliseconds from accepting that
    /// delivery to recording its decision (the check run is posted just before the record is appended).</summary>
    public IReadOnlyList<double> AcceptToDecisionMilliseconds(IEnumerable<string> deliveryIds) => MillisecondsSinceAccepted(
        "SELECT v.delivery_guid, v.received_at, d.recorded_at FROM decisions d JOIN deliveries v ON v.delivery_guid = d.delivery_id",
        deliveryIds);

    /// <summary>For each of <paramref name="deliveryIds"/> that was processed: milliseconds from accepting it to marking it
    /// processed, which happens once the evaluation that covered it has posted its check run and recorded its evidence.</summary>
    public IReadOnlyList<double> AcceptToProcessedMilliseconds(IEnumerable<string> deliveryIds) => MillisecondsSinceAccepted(
        "SELECT delivery_guid, received_at, processed_at FROM deliveries WHERE state = 'processed' AND processed_at IS NOT NULL",
        deliveryIds);

    /// <summary><paramref name="sql"/> selects a delivery GUID, when it was received and when something later happened.</summary>
    private List<double> MillisecondsSinceAccepted(string sql, IEnumerable<string> deliveryIds)
    {
        var wanted = deliveryIds.ToHashSet(StringComparer.Ordinal);
        return Query(sql, r => (Id: r.GetString(0), Milliseconds: (Time(r.GetString(2)) - Time(r.GetString(1))).TotalMilliseconds))
            .Where(x => wanted.Contains(x.Id))
            .Select(x => x.Milliseconds)
            .ToList();
    }

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private List<T> Query<T>(string sql, Func<DbDataReader, T> read)
    {
        using var connection = _connect();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }
}
