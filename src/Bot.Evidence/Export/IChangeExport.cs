namespace Bot.Evidence.Export;

/// <summary>The CC8.1 export (README "CC8.1 export") of a store: the change population of a period, or a seeded sample of
/// it, with the completeness section, written to <c>output</c> as it is read, all of it from one snapshot.</summary>
public interface IChangeExport
{
    /// <summary>Exports <paramref name="request"/> to <paramref name="output"/>; returns what the completeness section says.</summary>
    ExportCompleteness Export(ExportRequest request, Stream output);
}
