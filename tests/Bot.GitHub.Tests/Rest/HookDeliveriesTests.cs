using System.Text;
using System.Text.Json;
using Bot.GitHub.Tests.Support;
using NUnit.Framework;

namespace Bot.GitHub.Tests.Rest;

/// <summary>GitHub's record of the App's deliveries (github-api-notes §2.6) through the real client and the fake: the list
/// newest first over cursor pages, one delivery with the request GitHub sent, and a redelivery.</summary>
public class HookDeliveriesTests
{
    private static byte[] Body(int n) =>
        Encoding.UTF8.GetBytes("""{"action":"opened","installation":{"id":1},"repository":{"id":7},"number":""" + n + "}");

    [Test]
    public async Task The_list_is_read_newest_first_across_cursor_pages_and_stops_when_the_caller_does()
    {
        await using var context = await GitHubTestContext.StartAsync();
        var recorded = Enumerable.Range(1, 230).Select(n => context.Fake.RecordDelivery("pull_request", Body(n))).ToList();

        var pages = new List<IReadOnlyList<GitHub.Deliveries.HookDelivery>>();
        await foreach (var page in context.App.HookDeliveries.ListAsync())
            pages.Add(page);

        Assert.That(pages.Select(p => p.Count), Is.EqualTo(new[] { 100, 100, 30 }));
        Assert.That(pages.SelectMany(p => p).Select(d => d.DeliveryGuid), Is.EqualTo(recorded.Select(d => d.DeliveryGuid).Reverse()));
        var newest = pages[0][0];
        Assert.That((newest.Event, newest.Action, newest.InstallationId, newest.RepositoryId, newest.Delivered), Is.EqualTo(("pull_request", "opened", 1L, 7L, true)));
        Assert.That(context.Fake.Calls.Requests.Where(r => r.Route == "GET /app/hook/deliveries").Select(r => r.AuthorizationScheme), Is.All.EqualTo("Bearer"));

        context.Fake.Calls.Reset();
        await foreach (var _ in context.App.HookDeliveries.ListAsync())
            break;
        Assert.That(context.Fake.Calls.Total, Is.EqualTo(1), "a caller that has read far enough reads no further page");
    }

    [Test]
    public async Task One_delivery_comes_with_its_headers_and_payload_and_can_be_redelivered()
    {
        await using var context = await GitHubTestContext.StartAsync();
        var recorded = context.Fake.RecordDelivery("pull_request", Body(5), status: "failed to connect", statusCode: 0);
        var received = new List<(string Event, string Body, string Id)>();
        context.Fake.RedeliveryTarget = (eventName, body, id) =>
        {
            received.Add((eventName, Encoding.UTF8.GetString(body), id));
            return Task.FromResult(202);
        };

        var request = await context.App.HookDeliveries.GetAsync(recorded.Id);
        Assert.That(request, Is.Not.Null);
        Assert.That((request!.Delivery.DeliveryGuid, request.Delivery.Delivered, request.Delivery.StatusCode), Is.EqualTo((recorded.DeliveryGuid, false, 0)));
        Assert.That(request.Header("x-github-event"), Is.EqualTo("pull_request"), "headers by name, whatever the case");
        Assert.That(request.Header("X-GitHub-Delivery"), Is.EqualTo(recorded.DeliveryGuid));
        using (var payload = JsonDocument.Parse(request.Payload!))
            Assert.That(payload.RootElement.GetProperty("number").GetInt32(), Is.EqualTo(5), "the payload as JSON text");

        await context.App.HookDeliveries.RedeliverAsync(recorded.Id);
        Assert.That(received.Single().Id, Is.EqualTo(recorded.DeliveryGuid), "the same GUID again");
        Assert.That(context.Fake.HookDeliveries().Select(d => (d.DeliveryGuid, d.Redelivery, d.Status)),
            Is.EqualTo(new[] { (recorded.DeliveryGuid, false, "failed to connect"), (recorded.DeliveryGuid, true, "OK") }));
    }

    [Test]
    public async Task A_delivery_GitHub_no_longer_keeps_is_null_and_one_without_payload_has_none()
    {
        await using var context = await GitHubTestContext.StartAsync();
        var old = context.Fake.RecordDelivery("push", Body(1), deliveredAt: DateTimeOffset.UtcNow.AddDays(-4));
        var bare = context.Fake.RecordDelivery("push", Body(2), keepPayload: false);

        Assert.That(await context.App.HookDeliveries.GetAsync(old.Id), Is.Null);
        Assert.That((await context.App.HookDeliveries.GetAsync(bare.Id))!.Payload, Is.Null);
        var listed = new List<long>();
        await foreach (var page in context.App.HookDeliveries.ListAsync())
            listed.AddRange(page.Select(d => d.Id));
        Assert.That(listed, Is.EqualTo(new[] { bare.Id }), "older than the 3 days GitHub keeps");
    }
}
