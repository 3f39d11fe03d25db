using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;

namespace Bot.Benchmarks.GitHub;

/// <summary>An answer of the fake GitHub as it went over the wire: status, body, and the headers a client reads.</summary>
internal sealed record RecordedAnswer(HttpStatusCode Status, byte[] Body, string? ContentType, string? ETag, string? Link);

/// <summary>The network handler under a client's chain that passes requests to the fake GitHub and keeps each answer by
/// method and URL, so that <see cref="ReplayHandler"/> can give them back without a server.</summary>
internal sealed class RecordingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    public ConcurrentDictionary<string, RecordedAnswer> Answers { get; } = new(StringComparer.Ordinal);

    public static string Key(HttpRequestMessage request) => request.Method.Method + " " + request.RequestUri!.PathAndQuery;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        Answers[Key(request)] = new RecordedAnswer(response.StatusCode, body, response.Content.Headers.ContentType?.ToString(),
            response.Headers.ETag?.ToString(), response.Headers.TryGetValues("Link", out var link) ? string.Join(", ", link) : null);
        return response;
    }
}

/// <summary>Answers from a recording: what is left to measure is the client alone (its handlers, its serializer, its
/// models), with no server sharing the process's CPU time and allocations.</summary>
internal sealed class ReplayHandler(IReadOnlyDictionary<string, RecordedAnswer> answers) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!answers.TryGetValue(RecordingHandler.Key(request), out var answer))
            throw new InvalidOperationException($"no recorded answer for {RecordingHandler.Key(request)}");
        var response = new HttpResponseMessage(answer.Status) { RequestMessage = request, Content = new ByteArrayContent(answer.Body) };
        if (answer.ContentType is not null) response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(answer.ContentType);
        if (answer.ETag is not null) response.Headers.TryAddWithoutValidation("ETag", answer.ETag);
        if (answer.Link is not null) response.Headers.TryAddWithoutValidation("Link", answer.Link);
        return Task.FromResult(response);
    }
}
