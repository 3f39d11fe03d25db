using Bot.Evidence.Chain;
using Bot.Evidence.Changes;
using Bot.Evidence.Decisions;
using Bot.Evidence.Health;
using Bot.Evidence.Storage;

namespace Bot.Evidence.Commands;

/// <summary>The logic of <c>verify</c> and <c>checkpoint</c>, shared by every provider: what is checked and what is printed.
/// The provider only opens the snapshot (for verify: with the chain's key checked against the one the store was started
/// with; for checkpoint: in one read transaction).</summary>
internal sealed class ChainAudit(
    Func<IChainSnapshot> openForVerify, Func<IChainSnapshot> openForHeads, byte[]? hmacKey, IStoreErrors errors, TimeProvider clock) : IChainAudit
{
    public int Verify(string? checkpoint, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            var anchor = checkpoint is null ? null : CheckpointLine.Read(checkpoint);
            var anchored = anchor is null ? null : AnchoredHeads(anchor);
            using var snapshot = openForVerify();
            var hasher = new ChainHasher(hmacKey);
            foreach (var table in EvidenceChains.All)
            {
                var expected = anchored?.GetValueOrDefault(table.Name);
                var result = snapshot.Has(table)
                    ? snapshot.Verify(table, hasher, expected)
                    : ChainVerifier.Absent(table, expected);
                // The decisions chain keeps the unprefixed lines older versions printed; every later chain is named.
                var prefix = table == DecisionsTable.Table ? "" : table.Name + ": ";
                if (result.Break is { } broken)
                {
                    output.WriteLine($"{prefix}broken at seq {broken.Seq}: {broken.Field} expected {broken.Expected}, found {broken.Found}");
                    output.WriteLine($"{prefix}the {result.Records} records before it hold (head {result.HeadHash})");
                    return 1;
                }
                if (prefix.Length == 0 || result.Records > 0)
                {
                    // An empty later chain holds trivially; saying nothing keeps the decisions line the whole answer for older files.
                    output.WriteLine($"{prefix}ok {result.Records} records, head {result.HeadHash}");
                }
            }
            if (anchor is not null)
            {
                output.WriteLine($"checkpoint of {anchor.Time} matches: {string.Join(", ", anchor.Heads.Select(h => $"{h.Chain} seq {h.Seq}"))}");
                if (anchor.OneChainFormat)
                {
                    output.WriteLine("note: a checkpoint in the older one-chain format anchors the decisions chain only; `bot checkpoint` now anchors every chain");
                }
            }
            return 0;
        }
        catch (Exception error) when (error is IOException or FormatException or EvidenceSchemaException or UnauthorizedAccessException
                                      || errors.IsStoreError(error))
        {
            output.WriteLine($"error: {error.Message}");
            return 1;
        }
    }

    /// <summary>The checkpoint's heads by chain name; a chain with no record then (seq 0) has nothing that could be cut off.
    /// A chain this bot does not know is refused: the checkpoint was taken by a newer bot, and skipping it would leave that
    /// chain unchecked.</summary>
    private static Dictionary<string, ChainCheckpoint> AnchoredHeads(EvidenceCheckpoint anchor)
    {
        var unknown = anchor.Heads.Select(h => h.Chain).Except(EvidenceChains.All.Select(t => t.Name)).ToList();
        if (unknown.Count > 0)
        {
            throw new FormatException($"The checkpoint names chains this bot does not know ({string.Join(", ", unknown)}); verify with the bot version that took it, or newer.");
        }
        return anchor.Heads.Where(h => h.Seq > 0).ToDictionary(h => h.Chain, h => new ChainCheckpoint(h.Seq, h.Hash!, anchor.Time));
    }

    public int Checkpoint(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            using var snapshot = openForHeads();
            var heads = new List<ChainHead>();
            foreach (var table in EvidenceChains.All)
            {
                var head = snapshot.Has(table) ? snapshot.Head(table) : null;
                heads.Add(head is { } h ? new ChainHead(table.Name, h.Seq, h.Hash) : new ChainHead(table.Name, 0, null));
            }
            var taken = EvidenceTime.ToText(clock.GetUtcNow());
            output.WriteLine(CheckpointLine.Format(new EvidenceCheckpoint(taken, heads)));
            return 0;
        }
        catch (Exception error) when (error is IOException or EvidenceSchemaException or UnauthorizedAccessException || errors.IsStoreError(error))
        {
            output.WriteLine($"error: {error.Message}");
            return 1;
        }
    }
}
