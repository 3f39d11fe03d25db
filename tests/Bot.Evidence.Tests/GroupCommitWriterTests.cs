using Bot.Evidence.Chain;
using Bot.Evidence.Storage;

namespace Bot.Evidence.Tests;

public sealed class GroupCommitWriterTests
{
    private TestDatabase _db = null!;

    [SetUp]
    public void SetUp() => _db = new TestDatabase();

    [TearDown]
    public void TearDown() => _db.Dispose();

    [Test]
    public async Task Writes_block_a_thread_of_their_own_not_a_thread_pool_thread()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_db.FilePath)!);
        var writer = new GroupCommitWriter(new SqliteDatabase(_db.FilePath), new ChainHasher(null));
        await using (writer)
        {
            var (onPool, name) = await writer.ExecuteAsync(_ => (Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name), CancellationToken.None);

            Assert.That(onPool, Is.False, "a commit blocks in fsync; on a pool thread it would hold up webhook requests");
            Assert.That(name, Is.EqualTo("evidence-writer"));
        }
        Assert.ThrowsAsync<ObjectDisposedException>(() => writer.ExecuteAsync(_ => 0, CancellationToken.None),
            "a write after the store is closed is refused, not lost in a queue nobody reads");
    }
}
