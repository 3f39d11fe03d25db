using Bot.Evidence.Health;
using Npgsql;

namespace Bot.Evidence.Postgres;

/// <summary>PostgreSQL's errors: an <see cref="NpgsqlException"/> (a <see cref="PostgresException"/> when the server
/// answered), and among those the ones that mean the database is unavailable for now rather than the operation wrong.</summary>
internal sealed class PostgresStoreErrors : IStoreErrors
{
    public static PostgresStoreErrors Instance { get; } = new();

    public bool IsStoreError(Exception error) => error is NpgsqlException;

    public bool IsUnavailable(Exception error) => error switch
    {
        PostgresException server => server.IsTransient || IsUnavailableState(server.SqlState),
        // No answer from the server: refused, reset or timed-out connections (Npgsql marks those transient).
        NpgsqlException client => client.IsTransient,
        AggregateException { InnerExceptions: var inner } => inner.Count > 0 && inner.All(IsUnavailable),
        _ => false,
    };

    // SQLSTATE classes 08 (connection), 53 (insufficient resources: disk full, out of memory, too many connections),
    // 57P (the server shutting down or starting), and 25006: a read-only transaction (a standby, or a primary in recovery).
    private static bool IsUnavailableState(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal)
        || state.StartsWith("57P", StringComparison.Ordinal) || state == PostgresErrorCodes.ReadOnlySqlTransaction;
}
