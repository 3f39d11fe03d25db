using Bot.GitHub.Rest;
using Bot.Serve.Evaluation;
using Bot.Tests.Support;

namespace Bot.Tests.Serve;

/// <summary>PolicyCache on a clock the test moves: only "there is no policy file" is remembered, for at most 5 minutes (what
/// a lost push delivery may cost on the fallback policy); a file that exists is read every time.</summary>
public sealed class PolicyCacheTests
{
    private ManualClock _clock = null!;
    private int _reads;

    [SetUp]
    public void SetUp()
    {
        _clock = new ManualClock(new DateTimeOffset(2026, 12, 6, 3, 0, 0, TimeSpan.Zero));
        _reads = 0;
    }

    private Func<Task<RepositoryFile?>> Answer(RepositoryFile? file) => () =>
    {
        _reads++;
        return Task.FromResult(file);
    };

    [Test]
    public async Task An_absence_is_remembered_for_5_minutes_at_most_then_GitHub_is_asked_again()
    {
        var cache = new PolicyCache(_clock);
        Assert.That(await cache.BranchFileAsync(1, "octo", "app", "main", Answer(null)), Is.Null);
        Assert.That(await cache.OwnerFileAsync(1, "octo", Answer(null)), Is.Null);
        Assert.That(_reads, Is.EqualTo(2));

        _clock.Now += TimeSpan.FromMinutes(4);
        await cache.BranchFileAsync(1, "octo", "app", "main", Answer(null));
        await cache.OwnerFileAsync(1, "octo", Answer(null));
        Assert.That(_reads, Is.EqualTo(2), "both absences remembered within 5 minutes");

        _clock.Now += TimeSpan.FromMinutes(1);
        var added = new RepositoryFile(PolicyResolver.PolicyPath, "abc", "version: 1\n");
        Assert.That(await cache.BranchFileAsync(1, "octo", "app", "main", Answer(added)), Is.SameAs(added), "added without a push delivery");
        Assert.That(await cache.OwnerFileAsync(1, "octo", Answer(added)), Is.SameAs(added));
        Assert.That(_reads, Is.EqualTo(4), "after 5 minutes both are read again");
    }

    [Test]
    public async Task A_file_that_exists_is_read_at_every_use()
    {
        var cache = new PolicyCache(_clock);
        var first = new RepositoryFile(PolicyResolver.PolicyPath, "abc", "version: 1\n");
        var edited = first with { Sha = "def", Text = "version: 1\napproved_tools: []\n" };
        Assert.That(await cache.BranchFileAsync(1, "octo", "app", "main", Answer(first)), Is.SameAs(first));
        Assert.That(await cache.BranchFileAsync(1, "octo", "app", "main", Answer(edited)), Is.SameAs(edited));
        Assert.That(await cache.OwnerFileAsync(1, "octo", Answer(first)), Is.SameAs(first));
        Assert.That(await cache.OwnerFileAsync(1, "octo", Answer(edited)), Is.SameAs(edited));
        Assert.That(_reads, Is.EqualTo(4));
    }
}
