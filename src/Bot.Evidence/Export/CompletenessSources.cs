using Bot.Evidence.Deliveries;
using Bot.Evidence.Storage;
using Dapper;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Export;

/// <summary>What the completeness section reads besides the changes (policy.md §8), in the export's snapshot: failed
/// deliveries of the period that concern a change (by the time they were received), windows whose deliveries GitHub no
/// longer kept, and how far each repository is reconciled with its branches' history.</summary>
internal static class CompletenessSources
{
    /// <summary>The first schema with everything read here (deliveries.source, delivery_retention_gaps, reconciled_branches).</summary>
    private static int SchemaVersion => Migration0007ReconciledBranches.Migration.Version;

    public static ExportCompleteness Add(ExportCompleteness counted, DbConnection connection, ExportRequest request)
    {
        var (from, until) = Period(request);
        return counted with
        {
            FailedDeliveries = DeliveryListing.FailedChanges(connection, from, until, request.Repositories),
            UnrecoverableDeliveries = DeliveryListing.RetentionGaps(connection, from, until),
            Reconciliation = Reconciliation(connection, request.Repositories, from, until),
        };
    }

    /// <summary>A file no service of this version has opened yet cannot say which deliveries failed for good or how far it
    /// is reconciled: refused before anything is written, like a file without a change population.</summary>
    public static void RequireSchema(SqliteConnection connection)
    {
        var version = Migrator.CurrentVersion(connection, null);
        if (version < SchemaVersion)
        {
            throw new EvidenceSchemaException(
                $"{connection.DataSource} has schema version {version}, older than {SchemaVersion}, so its completeness (failed deliveries, reconciliation) cannot be stated; start `bot serve` (or `bot scan`) once to upgrade it.");
        }
    }

    private static (DateTimeOffset From, DateTimeOffset Until) Period(ExportRequest request) =>
        (new DateTimeOffset(request.From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
         new DateTimeOffset(request.To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    /// <summary>Per repository (only those named, when some are), the earliest of its branches, in the export's repository
    /// order (ASCII case folded, then ordinal; sorted here, as the repositories are few, so every provider lists them alike).</summary>
    private static IReadOnlyList<ReconciledRepository> Reconciliation(DbConnection connection, IReadOnlyList<string> repositories,
        DateTimeOffset periodStart, DateTimeOffset periodEnd)
    {
        var parameters = new DynamicParameters();
        // The column compares case-insensitively on every provider, as the export's --repo filter does.
        var where = repositories.Count > 0 ? " WHERE repository IN " + DeliveryListing.List(parameters, "repository", repositories) : "";
        return [.. connection.Query<(string Repository, string Since, string Through)>(
                "SELECT MIN(repository), MIN(first_reconciled_at), MIN(reconciled_through) FROM reconciled_branches" + where
                + " GROUP BY repository", parameters)
            .OrderBy(r => r.Repository, SqliteNoCase.Comparer)
            .Select(r => new ReconciledRepository(r.Repository, EvidenceTime.Parse(r.Since), EvidenceTime.Parse(r.Through), periodStart, periodEnd))];
    }
}
