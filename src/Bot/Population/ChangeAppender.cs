using Bot.Evidence.Changes;

namespace Bot.Population;

/// <summary>Appends the changes not recorded yet. A change is recorded once per (repository, base ref, kind, change id),
/// however many deliveries describe it: a redelivery, a retry, or the <c>closed</c> delivery and the push that landed the
/// same pull request, which workers of one replica or of two may process at the same moment. The store decides under the
/// changes chain's write lock (<see cref="IChangeLog.AppendNewAsync"/>), backed by a unique key in the database, so no
/// lock in this process is needed for it.</summary>
internal sealed class ChangeAppender(IChangeLog changeLog)
{
    /// <summary>Appends those of <paramref name="records"/> that are not recorded yet, in one transaction; returns the
    /// appended ones with their place in the chain.</summary>
    public async Task<IReadOnlyList<(ChangeRecord Record, long Seq)>> AppendNewAsync(IReadOnlyList<ChangeRecord> records, CancellationToken cancellationToken)
    {
        var appended = await changeLog.AppendNewAsync(records, cancellationToken);
        return [.. appended.Select(a => (a.Record, a.At.Seq))];
    }
}
