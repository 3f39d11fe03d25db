using System.Text;

namespace Bot.Evidence.Dashboard;

/// <summary>
/// The dashboard's filters beyond period and repositories (<see cref="ChangeFilter"/>) as SQL on <c>changes c</c>: one
/// definition for every provider, which supplies only what its SQL says differently (how parameters are written, a finding
/// code inside the stored findings JSON, membership in a set of seqs).
/// </summary>
internal abstract class ChangeFilterSql
{
    /// <summary>How a parameter is named in the provider's SQL (<c>$</c> or <c>@</c>).</summary>
    protected abstract string Mark { get; }

    /// <summary>SQL true for a change (which has findings) with the finding code of the parameter <c>finding</c>.</summary>
    protected abstract string HasFinding { get; }

    /// <summary>The parameters <see cref="HasFinding"/> reads, for the code asked for.</summary>
    protected virtual IEnumerable<(string Name, object Value)> FindingParameters(string code) => [("finding", code)];

    /// <summary>SQL true for a change whose seq is (or is not) in the parameter <c>overridden</c>.</summary>
    protected abstract string SeqIn(bool yes);

    /// <summary>The value of the parameter <c>overridden</c>.</summary>
    protected abstract object Seqs(IEnumerable<long> seqs);

    /// <summary>The SQL to append to the period's WHERE clause, and its parameters (names without their mark).</summary>
    public (string Sql, List<(string Name, object Value)> Parameters) Narrow(ChangeFilter filter, IReadOnlySet<long> overridden)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var sql = new StringBuilder();
        var parameters = new List<(string Name, object Value)>();
        if (filter.AiAssisted is { } ai)
        {
            sql.Append($" AND c.ai_assisted = {Mark}ai");
            parameters.Add(("ai", ai ? 1L : 0L));
        }
        switch (filter.Finding)
        {
            case null:
                break;
            case ChangeFilter.NoFinding:
                sql.Append(" AND c.findings_json = '[]'");
                break;
            case ChangeFilter.AnyFinding:
                sql.Append(" AND c.findings_json <> '[]'");
                break;
            default:
                sql.Append(" AND c.findings_json <> '[]' AND ").Append(HasFinding);
                parameters.AddRange(FindingParameters(filter.Finding));
                break;
        }
        if (filter.Overridden is { } yes)
        {
            sql.Append(" AND ").Append(SeqIn(yes));
            parameters.Add(("overridden", Seqs(overridden.Order())));
        }
        return (sql.ToString(), parameters);
    }
}
