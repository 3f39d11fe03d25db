using Bot.Evidence.Inbox;
using Bot.Evidence.Storage;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Deliveries;

/// <summary>One delivery of the inbox as <c>bot deliveries list</c> and the export's completeness section show it.
/// <see cref="Change"/> is set for a failed delivery that concerns a change (<see cref="DeliveryConcerns"/>): a gap in the
/// population until it is retried successfully.</summary>
public sealed record ListedDelivery(
    string DeliveryId,
    string State,
    DateTimeOffset ReceivedAt,
    string Event,
    string? Action,
    string? Repository,
    int? PullRequestNumber,
    int Attempts,
    string? LastError,
    DateTimeOffset? NotBefore,
    string Source,
    string? Change)
{
    /// <summary>e.g. <c>pull_request closed</c>.</summary>
    public string What => Action is null ? Event : $"{Event} {Action}";
}

/// <summary>Which deliveries to list: states as stored (pending, processing, processed, failed, ignored), received at or after
/// <see cref="Since"/> and before <see cref="Until"/>, in the given repositories (empty: all).</summary>
public sealed record DeliveryFilter
{
    public IReadOnlyList<string> States { get; init; } = [];
    public DateTimeOffset? Since { get; init; }
    public DateTimeOffset? Until { get; init; }
    public IReadOnlyList<string> Repositories { get; init; } = [];
}

/// <summary>Reads deliveries on a connection the caller holds (the export reads inside its snapshot).</summary>
internal static class DeliveryListing
{
    /// <summary>The first schema with everything read here (deliveries.source, delivery_retention_gaps).</summary>
    public const int SchemaVersion = 6;

    public static List<ListedDelivery> List(System.Data.Common.DbConnection connection, DeliveryFilter filter)
    {
        var where = new List<string>();
        var parameters = new DynamicParameters();
        if (filter.States.Count > 0)
        {
            where.Add("state IN " + List(parameters, "state", filter.States));
        }
        if (filter.Since is { } since)
        {
            where.Add("received_at >= @since");
            parameters.Add("since", EvidenceTime.ToText(since));
        }
        if (filter.Until is { } until)
        {
            where.Add("received_at < @until");
            parameters.Add("until", EvidenceTime.ToText(until));
        }
        if (filter.Repositories.Count > 0)
        {
            where.Add("repository IN " + List(parameters, "repository", filter.Repositories)); // the column compares case-insensitively
        }
        var rows = connection.Query<Row>(
            """
            SELECT delivery_guid AS DeliveryId, state AS State, received_at AS ReceivedAt, event AS Event, action AS Action,
                   repository AS Repository, pull_request_number AS PullRequestNumber, attempts AS Attempts, last_error AS LastError,
                   not_before AS NotBefore, source AS Source
            FROM deliveries
            """ + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") + " ORDER BY received_at, id",
            parameters);
        return [.. rows.Select(row => row.ToListed(row.State == DeliveryStates.Failed ? ChangeOf(connection, row) : null))];
    }

    /// <summary>One parameter per value, <c>(@name0, @name1, …)</c>: the same SQL on every provider (Dapper hands a list to
    /// PostgreSQL as one array parameter, which <c>IN</c> does not take).</summary>
    internal static string List(DynamicParameters parameters, string name, IReadOnlyCollection<string> values)
    {
        var names = values.Select((value, i) =>
        {
            parameters.Add(name + i.ToString(System.Globalization.CultureInfo.InvariantCulture), value);
            return "@" + name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }).ToList();
        return "(" + string.Join(", ", names) + ")";
    }

    /// <summary>Failed deliveries received in [<paramref name="from"/>, <paramref name="until"/>) that concern a change.</summary>
    public static List<ListedDelivery> FailedChanges(System.Data.Common.DbConnection connection, DateTimeOffset from, DateTimeOffset until, IReadOnlyList<string> repositories) =>
        [.. List(connection, new DeliveryFilter { States = [DeliveryStates.Failed], Since = from, Until = until, Repositories = repositories })
            .Where(d => d.Change is not null)];

    /// <summary>Windows GitHub no longer kept that overlap [<paramref name="from"/>, <paramref name="until"/>).</summary>
    public static List<DeliveryRetentionGap> RetentionGaps(System.Data.Common.DbConnection connection, DateTimeOffset from, DateTimeOffset until) =>
        [.. connection.Query<(string After, string Before, string Detected)>(
                "SELECT missed_after, missed_before, detected_at FROM delivery_retention_gaps WHERE missed_after < @until AND missed_before > @from ORDER BY missed_after",
                new { from = EvidenceTime.ToText(from), until = EvidenceTime.ToText(until) })
            .Select(g => new DeliveryRetentionGap(EvidenceTime.Parse(g.After), EvidenceTime.Parse(g.Before), EvidenceTime.Parse(g.Detected)))];

    public static long SchemaOf(SqliteConnection connection) => Migrator.CurrentVersion(connection, null);

    private static string? ChangeOf(System.Data.Common.DbConnection connection, Row row) =>
        SqliteDeliveryInbox.ReadBody(connection, row.DeliveryId) is { } body ? DeliveryConcerns.Change(row.Event, row.Action, body)
        : DeliveryConcerns.Change(row.Event, row.Action, []);

    private sealed class Row
    {
        public string DeliveryId { get; init; } = "";
        public string State { get; init; } = "";
        public string ReceivedAt { get; init; } = "";
        public string Event { get; init; } = "";
        public string? Action { get; init; }
        public string? Repository { get; init; }
        public long? PullRequestNumber { get; init; }
        public long Attempts { get; init; }
        public string? LastError { get; init; }
        public string? NotBefore { get; init; }
        public string Source { get; init; } = "";

        public ListedDelivery ToListed(string? change) => new(DeliveryId, State, EvidenceTime.Parse(ReceivedAt), Event, Action, Repository,
            PullRequestNumber is { } n ? (int)n : null, (int)Attempts, LastError, NotBefore is null ? null : EvidenceTime.Parse(NotBefore),
            Source, change);
    }
}
