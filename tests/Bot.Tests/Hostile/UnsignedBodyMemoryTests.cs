using System.Net.Http.Headers;
using Bot.FakeGitHub;
using Bot.LoadTest;
using Bot.Tests.Support;

namespace Bot.Tests.Hostile;

/// <summary>
/// Bodies nobody has authenticated yet cannot take the service's memory: 50 unsigned 25 MB posts at once (each with a
/// well-formed but wrong signature, so the whole body must be read before it can be refused) while signed deliveries
/// keep arriving. The real <c>bot serve</c> runs as a child process so its peak resident set (VmHWM) is its own.
/// </summary>
public sealed class UnsignedBodyMemoryTests
{
    private const int Attackers = 50;
    private const int BodyBytes = 25 * 1024 * 1024;
    private const long PeakLimitBytes = 400L * 1024 * 1024;
    private const int MinimumSignedDuringAttack = 20;

    [Test]
    public async Task Fifty_unsigned_25_MB_bodies_at_once_stay_under_400_MB_and_every_signed_delivery_is_accepted()
    {
        var folder = Directory.CreateTempSubdirectory("bot-hostile-memory-").FullName;
        try
        {
            await using var github = await FakeGitHubServer.StartAsync();
            // Intake only: the memory at stake is the receiving edge's, and no evaluation should compete with it.
            await using var bot = await BotProcess.StartAsync(folder, github, new Dictionary<string, string> { ["Worker__Enabled"] = "false" });
            var atStart = bot.PeakRssBytes();

            var body = new byte[BodyBytes];
            body.AsSpan().Fill((byte)' ');
            "{}"u8.CopyTo(body);
            using var hostile = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Attackers }) { BaseAddress = bot.BaseUrl, Timeout = TimeSpan.FromMinutes(3) };
            var attacks = Enumerable.Range(0, Attackers).Select(_ => PostUnsignedAsync(hostile, body)).ToList();
            var attackOver = Task.WhenAll(attacks);

            using var sender = new DeliverySender(bot.BaseUrl, BotProcess.Secret);
            var opened = WebhookPayloads.Raw("pull_request", "opened.payload.json");
            var signed = new List<int>();
            var duringAttack = 0;
            while (!attackOver.IsCompleted || signed.Count < MinimumSignedDuringAttack)
            {
                var sent = await sender.SendAsync("pull_request", opened);
                signed.Add(sent.Status);
                if (!attackOver.IsCompleted) duringAttack++;
                await Task.Delay(20);
            }
            var answers = await attackOver;
            var peak = bot.PeakRssBytes();

            await TestContext.Out.WriteLineAsync($"peak RSS {peak / 1048576.0:F1} MiB (after start-up {atStart / 1048576.0:F1} MiB); "
                + $"unsigned answers {string.Join(", ", answers.GroupBy(a => a).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"))}; "
                + $"signed deliveries {signed.Count} ({duringAttack} during the attack)");
            Assert.That(duringAttack, Is.Positive, "signed deliveries were sent while the unsigned bodies were in flight");
            Assert.That(signed, Is.All.EqualTo(202), "no signed delivery is refused");
            Assert.That(answers, Is.All.AnyOf(401, 503, 0), "every unsigned body is refused (0: the connection was closed on it)");
            Assert.That(peak, Is.LessThan(PeakLimitBytes), $"peak RSS {peak / 1048576} MiB");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>One unsigned post: the status it got, or 0 when the service closed the connection instead of answering.</summary>
    private static async Task<int> PostUnsignedAsync(HttpClient http, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/github") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", "push");
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + new string('0', 64));
        try
        {
            using var response = await http.SendAsync(request);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }
}
