namespace Bot.Evidence.Storage;

internal static class Migration0004DeliveryPullRequest
{
    public static Migration Migration { get; } = new(4, "deliveries keep the pull request number their route names", Sql);

    // The route is worked out (from the verified body) when the delivery is accepted; keeping the pull request number
    // beside the event lets a worker act on a pull_request or pull_request_review delivery without parsing its body again.
    private const string Sql = """
        ALTER TABLE deliveries ADD COLUMN pull_request_number INTEGER;

        DROP TRIGGER deliveries_received_immutable;
        CREATE TRIGGER deliveries_received_immutable
        BEFORE UPDATE OF id, delivery_guid, event, action, installation_id, repository, received_at, body, pull_request_number ON deliveries
        BEGIN SELECT RAISE(ABORT, 'deliveries: a received delivery (guid, event, body, ...) cannot be changed'); END;
        """;
}
