using System.Collections.Concurrent;
using Bot.Evidence.Changes;

namespace Bot.Population;

/// <summary>Appends the changes not recorded yet. A change is recorded once per (repository, base ref, kind, change id),
/// however many deliveries describe it: a redelivery, a retry, or the <c>closed</c> delivery and the push that landed the
/// same pull request, which the workers may process at the same moment. Looking and appending happen under one lock per
/// repository, so the second of two such deliveries finds the first one's record.</summary>
internal sealed class ChangeAppender(IChangeLog changeLog)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _repositories = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Appends those of <paramref name="records"/> (all of one repository) that are not recorded yet, in one
    /// transaction; returns the appended ones with their place in the chain.</summary>
    public async Task<IReadOnlyList<(ChangeRecord Record, long Seq)>> AppendNewAsync(IReadOnlyList<ChangeRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
            return [];
        var gate = _repositories.GetOrAdd(records[0].Repository, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var fresh = new List<ChangeRecord>();
            foreach (var record in records)
            {
                if (!await changeLog.ExistsAsync(record.Repository, record.BaseRef, record.Kind, record.ChangeId, cancellationToken))
                    fresh.Add(record);
            }
            if (fresh.Count == 0)
                return [];
            var appended = await changeLog.AppendManyAsync(fresh, cancellationToken);
            return [.. fresh.Zip(appended, (record, at) => (record, at.Seq))];
        }
        finally
        {
            gate.Release();
        }
    }
}
