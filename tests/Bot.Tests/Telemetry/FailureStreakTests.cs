using System.Net.Sockets;
using Bot.Serve.Logging;

namespace Bot.Tests.Telemetry;

public sealed class FailureStreakTests
{
    private static HttpRequestException Unreachable() => new HttpRequestException("Connection refused (127.0.0.1:9)", new SocketException(111));

    [Test]
    public void The_stack_trace_is_given_once_per_kind_of_failure_until_a_success_ends_the_streak()
    {
        var streak = new FailureStreak();
        var first = Unreachable();

        Assert.That(streak.StackTraceOnce(first), Is.SameAs(first));
        Assert.That(streak.StackTraceOnce(Unreachable()), Is.Null, "the same failure again");
        var other = new TimeoutException("timed out");
        Assert.That(streak.StackTraceOnce(other), Is.SameAs(other), "another kind of failure");
        Assert.That(streak.StackTraceOnce(Unreachable()), Is.Null, "the first kind again, already shown");
        Assert.That(streak.Failures, Is.EqualTo(4));

        Assert.That(streak.End(out var failures, out var since), Is.True);
        Assert.That(failures, Is.EqualTo(4));
        Assert.That(since, Is.LessThanOrEqualTo(DateTimeOffset.UtcNow));
        Assert.That(streak.End(out _, out _), Is.False, "nothing to end twice");
        var again = Unreachable();
        Assert.That(streak.StackTraceOnce(again), Is.SameAs(again), "a new streak shows its stack trace again");
    }

    [Test]
    public void The_reason_is_one_line_with_every_inner_exception()
    {
        var reason = FailureStreak.Reason(new InvalidOperationException("outer\nsecond line", Unreachable()));

        Assert.That(reason, Does.Not.Contain('\n'));
        Assert.That(reason, Does.StartWith("InvalidOperationException: outer second line ---> HttpRequestException: Connection refused"));
        Assert.That(reason, Does.Contain("SocketException"));
    }
}
