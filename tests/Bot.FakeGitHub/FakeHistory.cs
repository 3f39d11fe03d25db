namespace Bot.FakeGitHub;

/// <summary>A repository's commit graph and branch tips, as GitHub's history listing and compare see them. Commits are
/// kept in the order they were added, which is also a valid "parents first" order: a commit's parents exist before it.</summary>
internal sealed class FakeHistory
{
    private readonly Dictionary<string, (FakeCommit Commit, int Order)> _commits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _branches = new(StringComparer.Ordinal);

    public void Add(FakeCommit commit) => _commits[commit.Sha] = (commit, _commits.Count);

    public FakeCommit? Find(string sha) => _commits.TryGetValue(sha, out var entry) ? entry.Commit : null;

    public string? Tip(string branch) => _branches.GetValueOrDefault(branch);

    public void SetTip(string branch, string sha) => _branches[branch] = sha;

    public void RemoveTip(string branch) => _branches.Remove(branch);

    /// <summary>Every branch with its tip, by name.</summary>
    public IEnumerable<KeyValuePair<string, string>> Branches => _branches.OrderBy(b => b.Key, StringComparer.Ordinal);

    /// <summary>A branch name or a commit SHA; null when neither is known.</summary>
    public string? Resolve(string gitRef) => _branches.TryGetValue(gitRef, out var tip) ? tip : _commits.ContainsKey(gitRef) ? gitRef : null;

    /// <summary>The commit and everything reachable from it (parents the graph does not hold are left out).</summary>
    public HashSet<string> Ancestors(string sha)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([sha]);
        while (pending.TryPop(out var next))
        {
            if (_commits.TryGetValue(next, out var entry) && seen.Add(next))
            {
                foreach (var parent in entry.Commit.Parents)
                    pending.Push(parent);
            }
        }

        return seen;
    }

    /// <summary><c>git log</c> from <paramref name="sha"/>: newest first, every commit before its parents.</summary>
    public IReadOnlyList<FakeCommit> Log(string sha) => Ordered(Ancestors(sha)).Reverse().ToList();

    /// <summary>What compare lists for <c>base...head</c>: the commits reachable from head and not from base, oldest first.</summary>
    public IReadOnlyList<FakeCommit> Between(string baseSha, string headSha)
    {
        var reachable = Ancestors(headSha);
        reachable.ExceptWith(Ancestors(baseSha));
        return Ordered(reachable).ToList();
    }

    private IEnumerable<FakeCommit> Ordered(IEnumerable<string> shas) =>
        shas.Select(s => _commits[s]).OrderBy(e => e.Order).Select(e => e.Commit);
}
