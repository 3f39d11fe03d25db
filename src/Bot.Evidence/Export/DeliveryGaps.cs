using Bot.Evidence.Deliveries;
using Bot.Evidence.Storage;
using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Export;

/// <summary>The deliveries side of the completeness section (policy.md §8), read in the export's snapshot: failed deliveries
/// of the period that concern a change (by the time they were received), and windows GitHub no longer kept.</summary>
internal static class DeliveryGaps
{
    public static IReadOnlyList<ListedDelivery> Failed(SqliteConnection connection, ExportRequest request)
    {
        var (from, until) = Period(request);
        return DeliveryListing.FailedChanges(connection, from, until, request.Repositories);
    }

    public static IReadOnlyList<DeliveryRetentionGap> Unrecoverable(SqliteConnection connection, ExportRequest request)
    {
        var (from, until) = Period(request);
        return DeliveryListing.RetentionGaps(connection, from, until);
    }

    private static (DateTimeOffset From, DateTimeOffset Until) Period(ExportRequest request) =>
        (new DateTimeOffset(request.From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
         new DateTimeOffset(request.To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    /// <summary>A file no service of this version has opened yet cannot say which deliveries failed for good: refused before
    /// anything is written, like a file without a change population.</summary>
    public static void RequireSchema(SqliteConnection connection)
    {
        var version = DeliveryListing.SchemaOf(connection);
        if (version < DeliveryListing.SchemaVersion)
        {
            throw new EvidenceSchemaException(
                $"{connection.DataSource} has schema version {version}, older than {DeliveryListing.SchemaVersion}, so its failed deliveries cannot be listed; start `bot serve` (or `bot scan`) once to upgrade it.");
        }
    }
}
