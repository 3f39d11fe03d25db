using Bot.Evidence;
using Bot.Evidence.Decisions;

namespace Bot.Benchmarks.Evidence;

/// <summary>Builds a decisions chain of a given length and size, through the same writer the service uses.</summary>
internal static class VerifyDatabase
{
    private const int Chunk = 10_000;

    public static async Task BuildAsync(string path, int records, DecisionSize size, byte[]? hmacKey = null)
    {
        // Bulk path: each chunk is one transaction (one fsync) of the group-commit writer.
        await using var store = EvidenceProviders.For(new EvidenceStoreOptions { DatabasePath = path, HmacKey = hmacKey }).Open();
        var chunk = new List<DecisionRecord>(Chunk);
        for (long start = 0; start < records; start += Chunk)
        {
            chunk.Clear();
            for (var n = start; n < Math.Min(records, start + Chunk); n++)
            {
                chunk.Add(BenchmarkDecisions.Create(n, size));
            }
            await store.Decisions.AppendManyAsync(chunk);
        }
    }
}
