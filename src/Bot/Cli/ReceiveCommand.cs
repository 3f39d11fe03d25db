using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;
using Bot.GitHub.Webhooks;
using Bot.Serve;

namespace Bot.Cli;

/// <summary><c>bot receive --event NAME --payload FILE [--url URL]</c>: sends a webhook payload to a running <c>bot serve</c>
/// as GitHub would (signed with the configured webhook secret, a fresh <c>X-GitHub-Delivery</c>), so the App can be
/// tried without GitHub. Exit 0 when the service answered 2xx, 1 when it refused or could not be reached, 2 on bad
/// arguments or no secret configured.</summary>
public static class ReceiveCommand
{
    public const string DefaultBaseUrl = "http://127.0.0.1:8080";

    public static Command Create()
    {
        var eventName = new Option<string>("--event") { Description = "The X-GitHub-Event, e.g. pull_request, push, ping", Required = true };
        var payload = new Option<FileInfo>("--payload") { Description = "File with the JSON body GitHub would send", Required = true };
        var url = new Option<string?>("--url") { Description = $"The service's webhook URL (default: {DefaultBaseUrl} and GitHub:WebhookPath)" };
        var command = new Command("receive", "Send a webhook payload, signed with the configured secret, to a running bot serve")
        {
            eventName, payload, url,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var io = result.InvocationConfiguration;
            var github = new GitHubOptions();
            new ConfigurationBuilder().AddBotSources([]).Build().GetSection(GitHubOptions.Section).Bind(github);
            var secrets = github.WebhookSecretKeys();
            if (secrets.Count == 0)
            {
                await io.Error.WriteLineAsync("error: no webhook secret configured (GitHub__WebhookSecret, or GitHub:WebhookSecret in ./appsettings.json)");
                return ExitCodes.BadInput;
            }
            var file = result.GetRequiredValue(payload);
            byte[] body;
            try
            {
                body = await File.ReadAllBytesAsync(file.FullName, cancellationToken);
                using var _ = JsonDocument.Parse(body);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
            {
                await io.Error.WriteLineAsync($"error: --payload {file}: {e.Message}");
                return ExitCodes.BadInput;
            }
            var target = result.GetValue(url) ?? DefaultBaseUrl + github.WebhookPath;
            if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                await io.Error.WriteLineAsync($"error: --url must be an http(s) URL, not '{target}'");
                return ExitCodes.BadInput;
            }
            return await SendAsync(uri, result.GetRequiredValue(eventName), body, secrets[0], io, cancellationToken);
        });
        return command;
    }

    private static async Task<int> SendAsync(Uri uri, string eventName, byte[] body, byte[] secret, InvocationConfiguration io,
        CancellationToken cancellationToken)
    {
        var deliveryId = Guid.NewGuid().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", deliveryId);
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(body, secret));
        request.Headers.UserAgent.ParseAdd("bot-receive");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var answer = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
            await io.Output.WriteLineAsync($"delivery {deliveryId} ({eventName}) to {uri}: {(int)response.StatusCode} {answer}");
            return response.IsSuccessStatusCode ? ExitCodes.Ok : ExitCodes.Failure;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await io.Error.WriteLineAsync($"error: delivery {deliveryId} was not answered by {uri}: {e.Message}");
            return ExitCodes.Failure;
        }
    }
}
