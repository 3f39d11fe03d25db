using Bot.Serve.Processing;
using Microsoft.Data.Sqlite;

namespace Bot.Tests.Serve;

/// <summary>Which failures are the bot's own store failing (retried without using up the delivery's attempts) and which
/// are the work failing (counted, and after the last attempt the delivery is failed).</summary>
public sealed class StorageFailureTests
{
    [TestCase(13, "database or disk is full")]
    [TestCase(5, "database is locked")]
    [TestCase(10 | (3 << 8), "disk I/O error")] // SQLITE_IOERR_WRITE: the primary code is in the low byte
    public void Sqlite_full_locked_and_io_errors_are_storage_failures(int code, string message) =>
        Assert.That(StorageFailure.Is(new SqliteException(message, code)), Is.True);

    [Test]
    public void Other_failures_are_failures_of_the_work()
    {
        Assert.That(StorageFailure.Is(new SqliteException("constraint failed", 19)), Is.False);
        Assert.That(StorageFailure.Is(new HttpRequestException("502 Bad Gateway")), Is.False);
        Assert.That(StorageFailure.Is(new InvalidOperationException("no such pull request")), Is.False);
        Assert.That(StorageFailure.Is(new IOException("The response ended prematurely")), Is.False, "a network read, not the store");
    }
}
