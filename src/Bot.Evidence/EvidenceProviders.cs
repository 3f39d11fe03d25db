using Bot.Evidence.Postgres;
using Bot.Evidence.Storage;

namespace Bot.Evidence;

/// <summary>Picks the provider <see cref="EvidenceStoreOptions.Provider"/> names.</summary>
public static class EvidenceProviders
{
    public const string Sqlite = "sqlite";

    /// <summary>PostgreSQL (<see cref="EvidenceStoreOptions.ConnectionString"/>), for several replicas sharing one store.</summary>
    public const string Postgres = "postgres";

    /// <summary>The providers this build has.</summary>
    public static IReadOnlyList<string> Known { get; } = [Sqlite, Postgres];

    /// <summary>The provider for <paramref name="options"/>; an <see cref="ArgumentException"/> naming the known ones for any other
    /// (its message is what the commands and <c>bot serve</c> print, so it names no parameter).</summary>
    public static IEvidenceProvider For(EvidenceStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Name(options.Provider) switch
        {
            Sqlite => new SqliteEvidenceProvider(options),
            Postgres => new PostgresEvidenceProvider(options),
            _ => throw new ArgumentException(Unknown(options.Provider)),
        };
    }

    /// <summary>Why <paramref name="provider"/> names no store of this build, or null when it names one (empty: SQLite).</summary>
    public static string? Unknown(string? provider) => Known.Contains(Name(provider))
        ? null
        : $"Evidence:Provider '{provider}' is not a store this build has (known: {string.Join(", ", Known)}).";

    private static string Name(string? provider) =>
        string.IsNullOrWhiteSpace(provider) ? Sqlite : provider.Trim().ToLowerInvariant();
}
