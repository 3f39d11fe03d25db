using System.CommandLine;
using System.Globalization;
using Bot.Evidence.Storage;
using Bot.LocalGit;

namespace Bot.Cli;

/// <summary><c>bot scan --repo PATH --branch REF --from DATE --to DATE</c>: records a local clone's commits of a period as
/// changes (with their AI trailers): one change per pull request that a merge or squash subject names, holding the commits
/// it brought, and one per other commit. Scanning the same period again adds nothing. A ref starting with '-' is refused
/// (exit 2).</summary>
public static class ScanCommand
{
    public static Command Create()
    {
        var db = EvidenceCliOptions.Database();
        var repo = new Option<DirectoryInfo>("--repo") { Description = "Path of the local clone", Required = true };
        var branch = new Option<string>("--branch") { Description = "The production branch, e.g. main or origin/main", Required = true };
        var from = new Option<string>("--from") { Description = "First day, YYYY-MM-DD (UTC)", Required = true };
        var to = new Option<string>("--to") { Description = "Last day, YYYY-MM-DD (UTC), included", Required = true };
        var name = new Option<string?>("--name") { Description = "OWNER/NAME of the repository (default: from the origin remote's URL)" };
        var command = new Command("scan", "Record a local clone's history of a period as changes") { db, repo, branch, from, to, name };
        command.SetAction(async (result, cancellationToken) =>
        {
            var io = result.InvocationConfiguration;
            if (!TryDate(result.GetRequiredValue(from), out var first) || !TryDate(result.GetRequiredValue(to), out var last) || last < first)
            {
                await io.Error.WriteLineAsync("error: --from and --to must be YYYY-MM-DD with --from not after --to");
                return ExitCodes.BadInput;
            }
            if (!EvidenceCliOptions.TryProvider(result.GetRequiredValue(db), io, out var provider))
                return ExitCodes.BadInput;
            try
            {
                var path = result.GetRequiredValue(repo).FullName;
                var repositoryName = result.GetValue(name) ?? await OriginNameAsync(path, cancellationToken);
                if (repositoryName is null || repositoryName.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
                {
                    await io.Error.WriteLineAsync("error: give --name OWNER/NAME (the origin remote does not name a GitHub repository)");
                    return ExitCodes.BadInput;
                }
                var changes = await HistoryScanner.ScanAsync(path, repositoryName, result.GetRequiredValue(branch), first, last,
                    DateTimeOffset.UtcNow, cancellationToken);

                await using var store = provider.Open();
                var fresh = await store.Changes.AppendNewAsync(changes, cancellationToken);
                await io.Output.WriteLineAsync($"scanned {changes.Sum(c => c.CommitShas.Count)} commits of {repositoryName} {result.GetRequiredValue(branch)} " +
                                               $"as {changes.Count} changes: {fresh.Count} recorded, {changes.Count - fresh.Count} already recorded");
                return ExitCodes.Ok;
            }
            catch (GitCommandException e)
            {
                await io.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
            catch (EvidenceSchemaException e)
            {
                // A store chained with another key (or a new one offered a key under 32 bytes): say which, as serve does.
                await io.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.Failure;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException || provider.Errors.IsStoreError(e))
            {
                // As export and verify: an evidence database that cannot be opened or read is exit code 1.
                await io.Error.WriteLineAsync($"error: evidence database {result.GetRequiredValue(db)}: {e.Message}");
                return ExitCodes.Failure;
            }
        });
        return command;
    }

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>owner/name from <c>git@github.com:owner/name.git</c> or <c>https://HOST/owner/name(.git)</c>.</summary>
    internal static async Task<string?> OriginNameAsync(string path, CancellationToken cancellationToken)
    {
        string url;
        try { url = (await GitCommand.RunAsync(path, ["remote", "get-url", "origin"], cancellationToken)).Trim(); }
        catch (GitCommandException) { return null; }
        var tail = url.EndsWith(".git", StringComparison.Ordinal) ? url[..^4] : url;
        var parts = tail.Replace(':', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 ? $"{parts[^2]}/{parts[^1]}" : null;
    }
}
