using System.Globalization;
using Bot.Evidence.Storage;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Export;

/// <summary>How far one repository's population is reconciled with the history of its in-scope branches (the earliest
/// of its branches): every change that reached them between <see cref="Since"/> and <see cref="Through"/> is recorded.
/// A period that ends after <see cref="Through"/> is not known to be complete.</summary>
public sealed record ReconciledRepository(string Repository, DateTimeOffset Since, DateTimeOffset Through, DateTimeOffset PeriodEnd)
{
    public bool CoversPeriod => Through >= PeriodEnd;
}

/// <summary>Reads the reconciliation bookkeeping for the export's completeness section, in the export's snapshot.</summary>
internal static class ReconciliationCoverage
{
    public static IReadOnlyList<ReconciledRepository> Read(SqliteConnection connection, ExportRequest request)
    {
        // A file from before reconciliation existed (or written only by `bot scan`) has nothing to report.
        if (connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'reconciled_branches'") == 0)
        {
            return [];
        }
        var periodEnd = new DateTimeOffset(request.To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var parameters = new DynamicParameters();
        var where = "";
        if (request.Repositories.Count > 0)
        {
            var names = request.Repositories.Select((r, i) => ("@repo" + i.ToString(CultureInfo.InvariantCulture), r)).ToList();
            foreach (var (name, value) in names) parameters.Add(name, value);
            where = " WHERE repository IN (" + string.Join(", ", names.Select(n => n.Item1)) + ")";
        }
        return [.. connection.Query<(string Repository, string Since, string Through)>(
                "SELECT MIN(repository), MIN(first_reconciled_at), MIN(reconciled_through) FROM reconciled_branches" + where
                + " GROUP BY repository ORDER BY repository", parameters)
            .Select(r => new ReconciledRepository(r.Repository, EvidenceTime.Parse(r.Since), EvidenceTime.Parse(r.Through), periodEnd))];
    }
}
