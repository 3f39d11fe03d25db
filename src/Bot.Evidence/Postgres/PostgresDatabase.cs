using Npgsql;

namespace Bot.Evidence.Postgres;

/// <summary>The store's PostgreSQL database: one connection pool (<see cref="NpgsqlDataSource"/>) per process, so each
/// replica is a pool of its own.</summary>
internal sealed class PostgresDatabase : IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresDatabase(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException("Evidence:ConnectionString is empty; the postgres provider needs one (Host=…;Database=…;Username=…).",
                nameof(connectionString));
        }
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Location = Describe(builder);
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    /// <summary>Where the database is, for messages: host, port and database, never the password.</summary>
    public string Location { get; }

    public static string Describe(NpgsqlConnectionStringBuilder builder) =>
        $"postgres://{builder.Host}:{builder.Port}/{builder.Database}";

    public NpgsqlConnection Open() => _dataSource.OpenConnection();

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>Runs <paramref name="work"/> on a pooled connection of its own, each statement committing by itself.</summary>
    public async Task<T> RunAsync<T>(Func<NpgsqlConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await read(connection);
    }

    /// <summary>Runs <paramref name="work"/> in a transaction of its own and commits it.</summary>
    public async Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();
}
