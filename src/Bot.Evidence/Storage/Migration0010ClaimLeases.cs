namespace Bot.Evidence.Storage;

internal static class Migration0010ClaimLeases
{
    public static Migration Migration { get; } = new(10, "claim leases: which replica holds a delivery in processing, and until when", Sql);

    // Processing columns only (the received-delivery triggers name the columns they guard, so these may change).
    private const string Sql = """
        -- The replica that claimed the delivery (an id each `bot serve` makes at start) and until when its claim holds; the
        -- holder renews it while it works. On PostgreSQL another replica takes over a delivery whose lease expired.
        ALTER TABLE deliveries ADD COLUMN claimed_by TEXT;
        ALTER TABLE deliveries ADD COLUMN lease_until TEXT;
        """;
}
