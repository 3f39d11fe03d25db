using System.CommandLine;
using System.Globalization;
using Bot.Evidence;
using Bot.Evidence.Deliveries;
using Bot.Evidence.Storage;

namespace Bot.Cli;

/// <summary><c>bot deliveries list [--state failed|pending|done] [--since DATE]</c> and <c>bot deliveries retry ID|--all-failed</c>:
/// the inbox as an operator sees it, and failed deliveries put back to work once their cause is fixed (policy.md §8). Works
/// on the store whether the service runs (its worker takes a retried delivery within its poll interval) or not (it
/// takes it at its next start). Exit 0; 2 bad arguments, an unknown delivery or one that is not failed; 1 the store cannot
/// be read.</summary>
public static class DeliveriesCommand
{
    private static readonly Dictionary<string, string[]> States = new(StringComparer.Ordinal)
    {
        ["failed"] = ["failed"],
        ["pending"] = ["pending", "processing"],
        ["done"] = ["processed", "ignored"],
    };

    public static Command Create() => new("deliveries", "List the webhook deliveries in the inbox, and retry failed ones") { List(), Retry() };

    private static Command List()
    {
        var db = EvidenceCliOptions.Database();
        var state = new Option<string?>("--state") { Description = "failed, pending (pending or being processed) or done (processed or ignored); default: all" };
        var since = new Option<string?>("--since") { Description = "Only deliveries received on or after this day, YYYY-MM-DD (UTC)" };
        var command = new Command("list", "List deliveries, oldest first, tab-separated; the gap column names the change a failed delivery leaves out of the export")
        {
            db, state, since,
        };
        command.SetAction(result =>
        {
            var io = result.InvocationConfiguration;
            var stateName = result.GetValue(state);
            var sinceText = result.GetValue(since);
            if (stateName is not null && !States.ContainsKey(stateName))
                return Refuse(io, $"--state '{stateName}' is not one of failed, pending, done");
            DateOnly day = default;
            if (sinceText is not null && !DateOnly.TryParseExact(sinceText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
                return Refuse(io, $"--since '{sinceText}' is not a date (YYYY-MM-DD)");
            var filter = new DeliveryFilter
            {
                States = stateName is null ? [] : States[stateName],
                Since = sinceText is null ? null : new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            };
            return Run(result.GetRequiredValue(db), io, store =>
            {
                io.Output.WriteLine("received_at\tdelivery\tstate\tattempts\tevent\trepository\tpull_request\tsource\twaits_until\tgap\tlast_error");
                foreach (var d in store.Deliveries.List(filter))
                {
                    io.Output.WriteLine(string.Join('\t', Time(d.ReceivedAt), d.DeliveryId, d.State, d.Attempts.ToString(CultureInfo.InvariantCulture),
                        d.What, d.Repository ?? "", d.PullRequestNumber?.ToString(CultureInfo.InvariantCulture) ?? "", d.Source,
                        d.NotBefore is { } at ? Time(at) : "", d.Change ?? "", OneLine(d.LastError)));
                }
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static Command Retry()
    {
        var db = EvidenceCliOptions.Database();
        var id = new Argument<string?>("id") { Description = "The delivery's GUID (X-GitHub-Delivery), as `bot deliveries list` shows it", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all-failed") { Description = "Retry every failed delivery" };
        var command = new Command("retry", "Put a failed delivery (or every one) back to pending, with its attempts reset") { db, id, all };
        command.SetAction(result =>
        {
            var io = result.InvocationConfiguration;
            var deliveryId = result.GetValue(id);
            var everyFailed = result.GetValue(all);
            if ((deliveryId is null) == !everyFailed)
                return Refuse(io, "give either a delivery id or --all-failed");
            return Run(result.GetRequiredValue(db), io, store =>
            {
                if (everyFailed)
                {
                    var count = store.Deliveries.RetryAllFailed();
                    io.Output.WriteLine($"{count} failed deliveries are pending again; {WhoTakesIt}");
                    return ExitCodes.Ok;
                }
                return store.Deliveries.Retry(deliveryId!, out var state) switch
                {
                    RetryOutcome.Retried => Say(io, $"delivery {deliveryId} is pending again; {WhoTakesIt}"),
                    RetryOutcome.Unknown => Refuse(io, $"no delivery {deliveryId} in {result.GetRequiredValue(db)}"),
                    _ => Refuse(io, $"delivery {deliveryId} is {state}, not failed; only failed deliveries are retried"),
                };
            });
        });
        return command;
    }

    private const string WhoTakesIt = "a running `bot serve` takes it within its poll interval (Worker:PollSeconds), a stopped one at its next start";

    private static int Run(string database, InvocationConfiguration io, Func<IEvidenceProvider, int> action) =>
        EvidenceCliOptions.OnExistingStore(database, io, store =>
        {
            try
            {
                return action(store);
            }
            catch (Exception e) when (e is EvidenceSchemaException or IOException or UnauthorizedAccessException || store.Errors.IsStoreError(e))
            {
                io.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.Failure;
            }
        });

    private static int Say(InvocationConfiguration io, string text)
    {
        io.Output.WriteLine(text);
        return ExitCodes.Ok;
    }

    private static int Refuse(InvocationConfiguration io, string text)
    {
        io.Error.WriteLine($"error: {text}");
        return ExitCodes.BadInput;
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string OneLine(string? text) => text?.ReplaceLineEndings(" ").Replace('\t', ' ') ?? "";
}
