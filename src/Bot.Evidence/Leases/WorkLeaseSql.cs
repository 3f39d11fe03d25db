using Bot.Evidence.Storage;

namespace Bot.Evidence.Leases;

/// <summary>The statements of <see cref="IWorkLeases"/>, the same on every provider (SQLite and PostgreSQL share the
/// upsert syntax). One statement decides, so two replicas asking at once cannot both get the lease: the row's conflict
/// is resolved in the database, and the update happens only for the holder or over an expired lease.</summary>
internal static class WorkLeaseSql
{
    /// <summary>Parameters @name, @holder, @now, @expires; returns one row (the holder's taken_at) when this replica holds
    /// the lease afterwards, none when another one does.</summary>
    public const string Acquire = """
        INSERT INTO leases (name, holder, taken_at, expires_at) VALUES (@name, @holder, @now, @expires)
        ON CONFLICT (name) DO UPDATE
            SET holder = excluded.holder, expires_at = excluded.expires_at,
                taken_at = CASE WHEN leases.holder = excluded.holder THEN leases.taken_at ELSE excluded.taken_at END
            WHERE leases.holder = excluded.holder OR leases.expires_at <= excluded.taken_at
        RETURNING taken_at
        """;

    /// <summary>Expires the lease now if @holder holds it (the row stays: the next taker updates it).</summary>
    public const string Release = "UPDATE leases SET expires_at = @now WHERE name = @name AND holder = @holder";

    /// <summary>The parameters of <see cref="Acquire"/>: <paramref name="holder"/> asks at <paramref name="now"/> for <paramref name="length"/>.</summary>
    public static object AcquireParameters(string name, string holder, DateTimeOffset now, TimeSpan length) =>
        new { name, holder, now = EvidenceTime.ToText(now), expires = EvidenceTime.ToText(now + length) };

    /// <summary>The parameters of <see cref="Release"/>.</summary>
    public static object ReleaseParameters(string name, string holder, DateTimeOffset now) => new { name, holder, now = EvidenceTime.ToText(now) };
}
