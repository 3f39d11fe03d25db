using Bot.Evidence.Health;
using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Tests.Health;

/// <summary>Which failures are the bot's own store failing (retried without using up the delivery's attempts) and which
/// are the work failing (counted, and after the last attempt the delivery is failed), as the SQLite provider tells them.</summary>
public sealed class SqliteStoreErrorsTests
{
    private static readonly IStoreErrors Errors = EvidenceProviders.For(new EvidenceStoreOptions()).Errors;

    [TestCase(13, "database or disk is full")]
    [TestCase(5, "database is locked")]
    [TestCase(10 | (3 << 8), "disk I/O error")] // SQLITE_IOERR_WRITE: the primary code is in the low byte
    public void Sqlite_full_locked_and_io_errors_are_storage_failures(int code, string message)
    {
        Assert.That(Errors.IsUnavailable(new SqliteException(message, code)), Is.True);
        Assert.That(Errors.IsUnavailable(new AggregateException(new SqliteException(message, code), new SqliteException("locked", 5))), Is.True,
            "every inner failure is the store's");
    }

    [Test]
    public void Other_failures_are_failures_of_the_work()
    {
        Assert.That(Errors.IsUnavailable(new SqliteException("constraint failed", 19)), Is.False);
        Assert.That(Errors.IsUnavailable(new HttpRequestException("502 Bad Gateway")), Is.False);
        Assert.That(Errors.IsUnavailable(new InvalidOperationException("no such pull request")), Is.False);
        Assert.That(Errors.IsUnavailable(new IOException("The response ended prematurely")), Is.False, "a network read, not the store");
        Assert.That(Errors.IsUnavailable(new AggregateException(new SqliteException("database is locked", 5), new HttpRequestException("502"))), Is.False,
            "one failure of the work in the aggregate counts the attempt");
    }

    [Test]
    public void Every_sqlite_error_is_the_stores_own_and_nothing_else_is()
    {
        Assert.That(Errors.IsStoreError(new SqliteException("constraint failed", 19)), Is.True);
        Assert.That(Errors.IsStoreError(new IOException("The response ended prematurely")), Is.False);
        Assert.That(Errors.IsStoreError(new HttpRequestException("502 Bad Gateway")), Is.False);
    }
}
