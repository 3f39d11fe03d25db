using System.CommandLine;
using Bot.Evidence;
using Bot.Evidence.Export;
using Bot.Evidence.Storage;
using Bot.Population;

namespace Bot.Cli;

/// <summary><c>bot export</c>: the CC8.1 change population of a period (or a seeded sample of it) as CSV, JSON or Markdown.
/// Exit code: 0 complete and every chain verifies; 3 exported, but not complete: changes with gaps, failed deliveries that
/// concern a change, a repository not reconciled with its branches' history to the period's end, or lost deliveries that
/// reconciliation has not made good are listed; 1 a chain is broken
/// or the file cannot be read; 2 bad arguments.</summary>
public static class ExportCommand
{
    public const int ExportedWithGaps = 3;

    public static Command Create()
    {
        var db = EvidenceCliOptions.Database();
        var from = new Option<string>("--from") { Description = "First day, YYYY-MM-DD (UTC)", Required = true };
        var to = new Option<string>("--to") { Description = "Last day, YYYY-MM-DD (UTC), included", Required = true };
        var repos = new Option<string[]>("--repo") { Description = "OWNER/NAME; repeat for several (default: all)", AllowMultipleArgumentsPerToken = true };
        var format = new Option<string>("--format") { Description = "csv, json or md", DefaultValueFactory = _ => "csv" };
        var sample = new Option<string?>("--sample") { Description = "Draw N changes (needs --seed); docs/export.md documents the algorithm" };
        var seed = new Option<string?>("--seed") { Description = "Any text; the same seed and population give the same sample" };
        var stratify = new Option<string?>("--stratify") { Description = "ai: sample AI-assisted and other changes in proportion" };
        var web = new Option<string>("--web-url") { Description = "Base of the links (GitHub Enterprise Server: https://HOST)", DefaultValueFactory = _ => "https://github.com" };
        var output = new Option<FileInfo?>("--out") { Description = "Write to this file instead of standard output" };
        var command = new Command("export", "Export the change population (CC8.1) with decisions, approvals, findings and a completeness section")
        {
            db, from, to, repos, format, sample, seed, stratify, web, output,
        };
        command.SetAction(result =>
        {
            var io = result.InvocationConfiguration;
            ExportRequest request;
            try
            {
                request = ExportArguments.Parse(result.GetValue(from), result.GetValue(to), result.GetValue(repos) ?? [],
                    result.GetValue(format), result.GetValue(sample), result.GetValue(seed), result.GetValue(stratify), result.GetRequiredValue(web));
            }
            catch (ArgumentException e)
            {
                io.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
            return EvidenceCliOptions.OnExistingStore(result.GetRequiredValue(db), io, store => Run(store, request, result.GetValue(output), io));
        });
        return command;
    }

    private static int Run(IEvidenceProvider store, ExportRequest request, FileInfo? file, InvocationConfiguration io)
    {
        try
        {
            ExportCompleteness completeness;
            if (file is null)
            {
                // Straight to the process's standard output when that is where output goes (streamed, flat memory);
                // a redirected writer (tests, embedding) gets the text once the export is complete.
                using var buffer = ReferenceEquals(io.Output, Console.Out) ? Console.OpenStandardOutput() : new MemoryStream();
                completeness = store.Export.Export(request, buffer);
                if (buffer is MemoryStream memory)
                    io.Output.Write(System.Text.Encoding.UTF8.GetString(memory.ToArray()));
            }
            else
            {
                // Written beside the target and moved into place when complete: a failed export never leaves a
                // truncated file that looks like a report.
                var partial = file.FullName + ".partial";
                try
                {
                    using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                        completeness = store.Export.Export(request, stream);
                    File.Move(partial, file.FullName, overwrite: true);
                }
                finally
                {
                    File.Delete(partial);
                }
            }
            io.Error.WriteLine($"population {completeness.Population} (AI-assisted {completeness.AiAssisted}), exported {completeness.Exported}, "
                + $"with gaps {completeness.Gaps.Count}, failed deliveries {completeness.FailedDeliveries.Count}, chains {(completeness.ChainsOk ? "verify" : "BROKEN")}"
                + (completeness.Reconciled ? "" : ", not reconciled to the period's end: " + string.Join(", ", completeness.Reconciliation.Where(r => !r.CoversPeriod).Select(r => r.Repository)))
                + (completeness.UnrecoveredDeliveries.Any() ? $", lost deliveries not reconciled: {completeness.UnrecoveredDeliveries.Count()} windows" : ""));
            return !completeness.ChainsOk ? ExitCodes.Failure : completeness.HasGaps ? ExportedWithGaps : ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or EvidenceSchemaException or UnauthorizedAccessException || store.Errors.IsStoreError(e))
        {
            io.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Failure;
        }
    }
}
