using Bot.Evidence.Chain;
using Bot.Evidence.Changes;
using Bot.Evidence.Export;
using Bot.Evidence.Storage;
using Dapper;

namespace Bot.Evidence.Dashboard;

/// <summary>One chain's verification: the walk's verdict and the tip it reached.</summary>
public sealed record ChainReport(string Chain, ChainVerification Result, ChainTip Tip);

/// <summary>Verifies every evidence chain of the file, as <c>bot verify</c> does, and reports each one (the dashboard's Verify
/// page): every chain is walked even when an earlier one is broken, all in one read snapshot.</summary>
internal static class ChainCheck
{
    public static IReadOnlyList<ChainReport> VerifyAll(string dbPath, byte[]? hmacKey)
    {
        using var connection = ChangeExporter.OpenForExport(new SqliteDatabase(dbPath, readOnly: true));
        // A key other than the chain's would report every record as broken; say which key the file needs instead.
        ChainKeyGuard.RequireForReading(connection, hmacKey, dbPath);
        connection.Execute("BEGIN DEFERRED");
        try
        {
            var tips = ChainTips.Read(connection).ToDictionary(t => t.Chain);
            var hasher = new ChainHasher(hmacKey);
            return [.. EvidenceChains.All.Where(table => tips.ContainsKey(table.Name))
                .Select(table => new ChainReport(table.Name, ChainVerifier.Verify(connection, table, hasher, null), tips[table.Name]))];
        }
        finally
        {
            connection.Execute("COMMIT");
        }
    }
}
