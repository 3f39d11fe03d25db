namespace Bot.Evidence.Changes;

/// <summary>What identifies a change in the population: one record per (repository, base ref, kind, change id), the
/// database's unique key <c>changes_unique_key</c>. Repositories compare case-insensitively, as in the store.</summary>
internal readonly record struct ChangeKey(string Repository, string BaseRef, string Kind, string ChangeId)
{
    public const string ExistsSql =
        "SELECT COUNT(*) FROM changes WHERE repository = @Repository AND base_ref = @BaseRef AND change_id = @ChangeId AND kind = @Kind";

    public static ChangeKey Of(ChangeRecord record) => new(record.Repository.ToLowerInvariant(), record.BaseRef, record.Kind, record.ChangeId);

    /// <summary><paramref name="records"/> with their keys, each key once (the first record of it), in order.</summary>
    public static IEnumerable<(ChangeKey Key, ChangeRecord Record)> Distinct(IEnumerable<ChangeRecord> records)
    {
        var seen = new HashSet<ChangeKey>();
        foreach (var record in records)
        {
            var key = Of(record);
            if (seen.Add(key))
            {
                yield return (key, record);
            }
        }
    }
}
