namespace Bot.Evidence.Storage;

internal static class Migration0004DeliveryRouting
{
    public static Migration Migration { get; } = new(4, "deliveries keep their pull request number; bodies in a table of their own", Sql);

    private const string Sql = """
        -- The route is worked out (from the verified body) when a delivery is accepted; keeping the pull request number
        -- beside the event lets a worker act on a pull_request or pull_request_review delivery without parsing its body again.
        ALTER TABLE deliveries ADD COLUMN pull_request_number INTEGER;

        DROP TRIGGER deliveries_received_immutable;
        CREATE TRIGGER deliveries_received_immutable
        BEFORE UPDATE OF id, delivery_guid, event, action, installation_id, repository, received_at, body, pull_request_number ON deliveries
        BEGIN SELECT RAISE(ABORT, 'deliveries: a received delivery (guid, event, body, ...) cannot be changed'); END;

        -- A state change rewrites its whole row, so a body kept in the row (tens of KB) was written again by every claim
        -- and every mark. From this version on it is written once, here; deliveries.body stays empty (x'') for new rows
        -- and keeps the body of rows received before.
        CREATE TABLE delivery_bodies (
            delivery_id INTEGER PRIMARY KEY REFERENCES deliveries (id),
            body        BLOB NOT NULL
        ) STRICT;
        CREATE TRIGGER delivery_bodies_no_update BEFORE UPDATE ON delivery_bodies
        BEGIN SELECT RAISE(ABORT, 'delivery_bodies: a received body cannot be changed'); END;
        CREATE TRIGGER delivery_bodies_no_delete BEFORE DELETE ON delivery_bodies
        BEGIN SELECT RAISE(ABORT, 'delivery_bodies: a received body cannot be deleted'); END;
        """;
}
