using Bot.Evidence.Chain;
using Bot.Evidence.Decisions;
using Bot.Evidence.MergeGroups;
using Bot.Evidence.Overrides;

namespace Bot.Evidence.Changes;

/// <summary>Every hash-chained table in the evidence file; verify and the export walk all of them.</summary>
internal static class EvidenceChains
{
    public static IReadOnlyList<ChainedTable> All { get; } = [DecisionsTable.Table, ChangesTable.Table, OverridesTable.Table,
        MergeGroupsTable.Table];
}
