using System.Net;
using System.Text;
using Bot.GitHub.Webhooks;
using Bot.Serve.Logging;
using Bot.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Telemetry;

/// <summary>Unauthenticated traffic cannot flood the log: one warning per source and minute, then a count.</summary>
public sealed class SignatureRejectionLogTests
{
    /// <summary>The rejection log on a clock the test moves, writing to a captured log.</summary>
    private sealed class Rig : IDisposable
    {
        private readonly ILoggerFactory _loggers;

        public Rig()
        {
            _loggers = LoggerFactory.Create(builder => builder.AddProvider(Log));
            Rejections = new SignatureRejectionLog(_loggers, Clock);
        }

        public ManualClock Clock { get; } = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        public CapturedLog Log { get; } = new();
        public SignatureRejectionLog Rejections { get; }

        public void Dispose()
        {
            Rejections.Dispose();
            _loggers.Dispose();
        }
    }

    [Test]
    public async Task Forty_forged_deliveries_through_the_webhook_path_log_one_warning()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var body = WebhookPayloads.Raw("pull_request", "opened.payload.json");
        var forged = WebhookSignature.Sign(body, Encoding.UTF8.GetBytes("not-the-secret"));

        for (var i = 0; i < 40; i++)
            Assert.That((await bot.SendAsync("pull_request", body, signature: forged)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        var warnings = bot.Log.Entries.Where(e => e.Message.Contains("X-Hub-Signature-256", StringComparison.Ordinal)).ToList();
        Assert.That(warnings, Has.Count.EqualTo(1), string.Join("\n", warnings));
        Assert.That(warnings[0].Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(warnings[0].Message, Does.Contain("127.0.0.1"));
    }

    [Test]
    public void Each_source_gets_one_line_at_once_and_its_count_when_the_minute_is_over()
    {
        using var rig = new Rig();
        var (clock, log, rejections) = (rig.Clock, rig.Log, rig.Rejections);
        var a = IPAddress.Parse("203.0.113.7");
        var b = IPAddress.Parse("198.51.100.1");

        for (var i = 0; i < 25; i++) rejections.Rejected(a);
        for (var i = 0; i < 3; i++) rejections.Rejected(b);
        Assert.That(log.Entries, Has.Count.EqualTo(2), "one line per source so far");

        clock.Now += TimeSpan.FromSeconds(30);
        rejections.FlushIfDue();
        Assert.That(log.Entries, Has.Count.EqualTo(2), "the minute is not over yet");

        clock.Now += TimeSpan.FromSeconds(31);
        rejections.FlushIfDue();
        var messages = log.Entries.Select(e => e.Message).ToList();
        Assert.That(messages, Has.Count.EqualTo(4));
        Assert.That(messages, Has.Some.Contains("Rejected 24 more").And.Contains("203.0.113.7"));
        Assert.That(messages, Has.Some.Contains("Rejected 2 more").And.Contains("198.51.100.1"));

        rejections.Rejected(a);
        Assert.That(log.Entries, Has.Count.EqualTo(5), "a new minute: the source is named at once again");
    }

    [Test]
    public void Past_the_source_limit_the_rest_are_counted_together()
    {
        using var rig = new Rig();
        var (clock, log, rejections) = (rig.Clock, rig.Log, rig.Rejections);

        for (var i = 0; i < SignatureRejectionLog.MaxSources + 50; i++)
            rejections.Rejected(new IPAddress([10, 0, (byte)(i / 256), (byte)(i % 256)]));

        Assert.That(log.Entries, Has.Count.EqualTo(SignatureRejectionLog.MaxSources + 1));
        clock.Now += SignatureRejectionLog.Window;
        rejections.FlushIfDue();
        Assert.That(log.Entries[^1].Message, Does.Contain("Rejected 49 more").And.Contains("other sources"));
    }
}
