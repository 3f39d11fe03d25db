namespace Bot.Evidence.Export;

/// <summary>Writes one export format to a stream, row by row (nothing is held back, so memory stays flat).</summary>
internal interface IExportWriter : IDisposable
{
    void Begin(ExportRequest request, long population);

    void Write(ExportRow row);

    /// <summary>The completeness section, after the rows (it lists the gaps and the verify result).</summary>
    void End(ExportCompleteness completeness);

    public static IExportWriter Create(ExportFormat format, Stream output) => format switch
    {
        ExportFormat.Csv => new CsvExportWriter(output),
        ExportFormat.Json => new JsonExportWriter(output),
        ExportFormat.Md => new MarkdownExportWriter(output),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown export format"),
    };
}

/// <summary>Text shared by the formats' completeness sections.</summary>
internal static class CompletenessText
{
    public static IEnumerable<string> Lines(ExportCompleteness c)
    {
        yield return $"population: {c.Population}";
        yield return $"ai_assisted: {c.AiAssisted}";
        yield return $"not_ai_assisted: {c.NotAiAssisted}";
        yield return $"exported_rows: {c.Exported}";
        foreach (var (chain, result) in c.Chains)
        {
            yield return result.Break is { } b
                ? $"verify {chain}: BROKEN at seq {b.Seq}: {b.Field} expected {b.Expected}, found {b.Found}"
                : $"verify {chain}: ok {result.Records} records, head {result.HeadHash}";
        }
        yield return $"changes_with_gaps: {c.Gaps.Count}";
        foreach (var gap in c.Gaps)
        {
            yield return $"gap: {gap.Repository} {gap.ChangeId}: {gap.Findings}";
        }
        yield return $"failed_deliveries: {c.FailedDeliveries.Count}";
        foreach (var d in c.FailedDeliveries)
        {
            yield return $"failed_delivery: {d.DeliveryId} {d.What} {d.Repository}: {d.Change}; received {Time(d.ReceivedAt)}, "
                + $"{d.Attempts} attempts, last error: {d.LastError} (retry: bot deliveries retry {d.DeliveryId})";
        }
        foreach (var w in c.UnrecoverableDeliveries)
        {
            yield return $"deliveries_not_recoverable: {Time(w.MissedAfter)} to {Time(w.MissedBefore)} (the bot was away longer than GitHub keeps deliveries; "
                + (c.Recovered(w) ? "recovered: every repository's branch history is reconciled across it)" : "NOT recovered: branch history is not reconciled across it)");
        }
        foreach (var r in c.Reconciliation)
        {
            yield return $"reconciled_through: {r.Repository} {Time(r.Through)} (branch history reconciled since {Time(r.Since)})";
        }
        foreach (var w in c.UnrecoveredDeliveries)
        {
            yield return $"incomplete: deliveries from {Time(w.MissedAfter)} to {Time(w.MissedBefore)} may be lost, and branch history is not reconciled across that time";
        }
        foreach (var r in c.Reconciliation.Where(r => !r.CoversPeriod))
        {
            yield return $"incomplete: {r.Repository} is reconciled with its branches' history only through {Time(r.Through)}, before the period ends ({Time(r.PeriodEnd)})";
        }
    }

    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static string Period(ExportRequest request) =>
        $"{request.From:yyyy-MM-dd} to {request.To:yyyy-MM-dd} (UTC, both days included)";

    public static string? Sample(ExportRequest request) => request.Sample is { } n
        ? $"sample {n} drawn with seed \"{request.Seed}\"{(request.StratifyAi ? ", stratified by AI-assisted" : "")} (algorithm: docs/export.md, Sampling algorithm)"
        : null;
}
