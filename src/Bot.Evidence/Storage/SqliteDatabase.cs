using Dapper;
using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Storage;

/// <summary>Opens connections to the evidence file with the settings every connection needs.</summary>
internal sealed class SqliteDatabase
{
    public const int BusyTimeoutMilliseconds = 30000;

    // Evidence and accepted deliveries must survive a power cut once acknowledged: FULL syncs the WAL on every commit.
    private static readonly string ConnectionPragmas = string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"PRAGMA synchronous = FULL; PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA foreign_keys = ON;");

    private readonly string _connectionString;

    public SqliteDatabase(string path, bool readOnly = false)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("The evidence database path is empty.", nameof(path));
        }
        Path = System.IO.Path.GetFullPath(path);
        if (readOnly && !File.Exists(Path))
        {
            throw new FileNotFoundException($"No evidence database at {Path}.", Path);
        }
        if (!readOnly)
        {
            var folder = System.IO.Path.GetDirectoryName(Path);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        connection.Execute(ConnectionPragmas);
        return connection;
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(ConnectionPragmas);
        return connection;
    }

    /// <summary>Runs one read on a connection of its own (reads never go through the writer: in WAL mode they do not wait for it).</summary>
    public async Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await read(connection);
    }
}
