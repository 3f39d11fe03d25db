using Bot.Evidence.Commands;
using Bot.Evidence.Dashboard;
using Bot.Evidence.Export;
using Microsoft.Extensions.Options;

namespace Bot.Dashboard.Evidence;

/// <summary>The store as the dashboard reads it (the seams of the configured provider: its pages' reads, the export and the
/// chain audit, each on read-only connections of its own like <c>bot export</c>), and where its links point.</summary>
public sealed class DashboardStore(IAuditReader audit, IChangeExport export, IChainAudit chains, IOptions<GitHubSignInOptions> github)
{
    public IAuditReader Audit => audit;

    public IChangeExport Export => export;

    public IChainAudit Chains => chains;

    public string WebBaseUrl => github.Value.WebBaseUrl.TrimEnd('/');
}
