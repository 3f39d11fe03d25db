using System.Text;
using Bot.Serve;
using Microsoft.Extensions.Options;

namespace Bot.Dashboard.Evidence;

/// <summary>The evidence file the dashboard reads (read-only connections of its own, like <c>bot export</c>), the chain key,
/// and where its links point.</summary>
public sealed class DashboardStore(IOptions<EvidenceOptions> evidence, IOptions<GitHubSignInOptions> github)
{
    public string DatabasePath => evidence.Value.DatabasePath;

    public byte[]? HmacKey => string.IsNullOrEmpty(evidence.Value.HmacKey) ? null : Encoding.UTF8.GetBytes(evidence.Value.HmacKey);

    public string WebBaseUrl => github.Value.WebBaseUrl.TrimEnd('/');
}
