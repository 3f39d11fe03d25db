using System.Text.Json;

namespace Bot.GitHub.Webhooks;

/// <summary>
/// Collects, during the syntax pass over a <c>pull_request</c> or <c>pull_request_review</c> body, the few fields routing
/// needs (<c>action</c>, <c>installation.id</c>, <c>repository.full_name</c>, the pull request number and head SHA), so
/// that intake does not build the whole typed payload (a third of its CPU for a 28 KB body). Anything unexpected (a
/// missing or repeated field, a wrong type) leaves it <see cref="Complete"/> false, and the caller falls back to the full
/// typed parse, which gives the precise error.
/// </summary>
internal sealed class PullRequestRouteFields(string eventName)
{
    private enum Field { Other, Action, Number, Installation, InstallationId, Repository, FullName, PullRequest, PullRequestNumber, Head, HeadSha }

    // What each open object is, by depth (the root object is depth 1); generous so hostile nesting is merely "Other".
    private readonly Field[] _objects = new Field[WebhookEnvelope.MaxDepth + 2];
    private Field _pending;
    private bool _damaged;
    private bool _seenAction;
    private bool _seenInstallation;
    private bool _seenRepository;
    private bool _seenNumber;
    private bool _seenPullRequestNumber;

    public string? Action { get; private set; }
    public long? InstallationId { get; private set; }
    public string? Repository { get; private set; }
    public int? Number { get; private set; }
    public string? HeadSha { get; private set; }

    /// <summary>Every field routing reads was found exactly once with the type the typed model has.</summary>
    public bool Complete => !_damaged && Number is not null && HeadSha is not null
        && (!_seenInstallation || InstallationId is not null) && (!_seenRepository || Repository is not null);

    public RouteDecision ToDecision() => new()
    {
        Act = false,
        Reason = "",
        EventName = eventName,
        Action = Action,
        InstallationId = InstallationId,
        Repository = Repository,
        PullRequestNumber = Number,
        HeadSha = HeadSha,
    };

    /// <summary>Called for every token the syntax pass reads.</summary>
    public void Observe(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.PropertyName:
                _pending = Classify(_objects[reader.CurrentDepth], ref reader);
                return;
            case JsonTokenType.StartObject:
                var depth = reader.CurrentDepth + 1;
                if (depth < _objects.Length)
                    _objects[depth] = depth == 1 ? Field.Other : Opened(_pending);
                _pending = Field.Other;
                return;
            case JsonTokenType.StartArray:
                if (_pending != Field.Other) _damaged = true; // an array where a routed field belongs
                _pending = Field.Other;
                return;
            case JsonTokenType.EndObject:
            case JsonTokenType.EndArray:
                _pending = Field.Other;
                return;
            default:
                Take(ref reader);
                _pending = Field.Other;
                return;
        }
    }

    private static Field Classify(Field container, ref Utf8JsonReader reader) => container switch
    {
        Field.Other when reader.CurrentDepth == 1 => TopLevel(ref reader),
        Field.Installation when reader.ValueTextEquals("id"u8) => Field.InstallationId,
        Field.Repository when reader.ValueTextEquals("full_name"u8) => Field.FullName,
        Field.PullRequest when reader.ValueTextEquals("number"u8) => Field.PullRequestNumber,
        Field.PullRequest when reader.ValueTextEquals("head"u8) => Field.Head,
        Field.Head when reader.ValueTextEquals("sha"u8) => Field.HeadSha,
        _ => Field.Other,
    };

    private static Field TopLevel(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("action"u8) ? Field.Action
        : reader.ValueTextEquals("number"u8) ? Field.Number
        : reader.ValueTextEquals("installation"u8) ? Field.Installation
        : reader.ValueTextEquals("repository"u8) ? Field.Repository
        : reader.ValueTextEquals("pull_request"u8) ? Field.PullRequest
        : Field.Other;

    private Field Opened(Field pending)
    {
        switch (pending)
        {
            case Field.Installation when !Flag(ref _seenInstallation):
            case Field.Repository when !Flag(ref _seenRepository):
            case Field.PullRequest:
            case Field.Head:
                return pending;
            case Field.Other:
                return Field.Other;
            default:
                _damaged = true; // an object where a scalar belongs, or a repeated object
                return Field.Other;
        }
    }

    private void Take(ref Utf8JsonReader reader)
    {
        var type = reader.TokenType;
        switch (_pending)
        {
            case Field.Action when !Flag(ref _seenAction) && type is JsonTokenType.String or JsonTokenType.Null:
                Action = type == JsonTokenType.Null ? null : reader.GetString();
                break;
            // pull_request carries the number at the top and inside pull_request; pull_request_review only inside. Where
            // both exist they must agree.
            case Field.Number when !Flag(ref _seenNumber):
            case Field.PullRequestNumber when !Flag(ref _seenPullRequestNumber):
                Number = Agree(Number, ReadInt(ref reader));
                break;
            case Field.InstallationId when InstallationId is null && type == JsonTokenType.Number && reader.TryGetInt64(out var id):
                InstallationId = id;
                break;
            case Field.FullName when Repository is null && type == JsonTokenType.String:
                Repository = reader.GetString();
                break;
            case Field.HeadSha when HeadSha is null && type == JsonTokenType.String:
                HeadSha = reader.GetString();
                break;
            case Field.Other:
                break;
            default:
                _damaged = true; // a repeated field, a wrong type, or a scalar where an object belongs
                break;
        }
    }

    private int? ReadInt(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value))
            return value;
        _damaged = true;
        return null;
    }

    private int? Agree(int? known, int? found)
    {
        if (known is not null && found is not null && known != found)
            _damaged = true;
        return found ?? known;
    }

    /// <summary>Sets <paramref name="seen"/>; returns whether it was already set.</summary>
    private static bool Flag(ref bool seen)
    {
        var was = seen;
        seen = true;
        return was;
    }
}
