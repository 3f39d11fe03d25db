namespace Bot.Evidence.Storage;

internal static class Migration0005CompressedBodies
{
    public static Migration Migration { get; } = new(5, "delivery bodies may be stored Brotli-compressed", Sql);

    private const string Sql = """
        -- Webhook bodies are JSON of 7-30 KB that Brotli shrinks about eightfold; stored raw they were most of the bytes
        -- written to the log, the file and the disk. NULL: stored as received (every row written before this version);
        -- 'br': Brotli, which DeliveryBodyCodec turns back into the exact bytes received. Set once with the body, never changed.
        ALTER TABLE delivery_bodies ADD COLUMN encoding TEXT CHECK (encoding IS NULL OR encoding = 'br');
        """;
}
