namespace Bot.Core.Model;

/// <summary>A GitHub account as the REST API reports it. Identities are compared by <see cref="Id"/>, never by login text.</summary>
public sealed record GitHubUser(long Id, string Login, string Type = "User")
{
    /// <summary>policy.md §3 condition 3: <c>type</c> is <c>Bot</c>, or the login ends in <c>[bot]</c>.</summary>
    public bool IsBot =>
        string.Equals(Type, "Bot", StringComparison.OrdinalIgnoreCase) ||
        Login.EndsWith("[bot]", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A git identity (name and email) as written in the commit object.</summary>
public sealed record GitIdentity(string Name, string Email);

/// <summary>The pull request as read from <c>GET /repos/{o}/{r}/pulls/{n}</c>. <see cref="CommitCount"/> and
/// <see cref="ChangedFileCount"/> are GitHub's own counts (<c>commits</c>, <c>changed_files</c>), null when GitHub gives
/// none: the lists of commits and files are judged complete against them (policy.md §1).</summary>
public sealed record PullRequestInfo(
    int Number,
    string Title,
    GitHubUser Author,
    string? Body,
    bool Draft,
    string BaseRef,
    string HeadSha,
    string State = "open",
    bool Merged = false,
    string? BaseDefaultBranch = null,
    string? BaseSha = null,
    int? CommitCount = null,
    int? ChangedFileCount = null);

/// <summary>One commit of the pull request. <see cref="AuthorUser"/> / <see cref="CommitterUser"/> are null
/// when GitHub links no account to the git identity (the commit is then "unattributed"). <see cref="ParentShas"/> are
/// the parents' SHAs when the source names them (GitHub's REST API does; a count alone does not). <see cref="CommittedAt"/>
/// is the committer date as written in the commit (not when it was pushed).</summary>
public sealed record CommitInfo(
    string Sha,
    string Message,
    GitIdentity Author,
    GitIdentity Committer,
    GitHubUser? AuthorUser,
    GitHubUser? CommitterUser,
    int ParentCount = 1,
    IReadOnlyList<string>? ParentShas = null,
    DateTimeOffset? CommittedAt = null)
{
    public bool IsMerge => ParentCount > 1;

    /// <summary>First line of the message, for messages a developer reads.</summary>
    public string Subject
    {
        get
        {
            var end = Message.IndexOfAny(['\r', '\n']);
            return end < 0 ? Message : Message[..end];
        }
    }

    public string ShortSha => Sha.Length > 7 ? Sha[..7] : Sha;

    /// <summary>Value equality, <see cref="ParentShas"/> compared item by item (a record would compare the list by reference).</summary>
    public bool Equals(CommitInfo? other) =>
        other is not null && Sha == other.Sha && Message == other.Message && Author == other.Author && Committer == other.Committer &&
        AuthorUser == other.AuthorUser && CommitterUser == other.CommitterUser && ParentCount == other.ParentCount &&
        (ReferenceEquals(ParentShas, other.ParentShas) || (ParentShas is not null && other.ParentShas is not null && ParentShas.SequenceEqual(other.ParentShas)));

    public override int GetHashCode() => HashCode.Combine(Sha, Message, Author, Committer, AuthorUser, CommitterUser, ParentCount, ParentShas?.Count);
}

/// <summary>A review. <see cref="State"/> is compared case-insensitively (REST upper case, webhooks lower case).</summary>
public sealed record ReviewInfo(
    long Id,
    GitHubUser? User,
    string State,
    string? CommitId,
    DateTimeOffset? SubmittedAt);

/// <summary>A changed file from <c>GET .../pulls/{n}/files</c>.</summary>
public sealed record ChangedFile(string Filename, string Status, string? PreviousFilename = null);

/// <summary>Everything the evaluator needs; plain data, no I/O.</summary>
/// <param name="ActiveTeamMembers">The team memberships GitHub confirmed as active for the questions
/// <c>Evaluator.TeamMembershipQuestions</c> asked (<c>review.sensitive_approvers</c>); anything not in it counts as
/// not a member, so a membership nobody asked about can never let a change pass.</param>
public sealed record EvaluationInput(
    PullRequestInfo PullRequest,
    IReadOnlyList<CommitInfo> Commits,
    IReadOnlyList<ReviewInfo> Reviews,
    IReadOnlyList<ChangedFile> Files,
    Bot.Core.Policy.PolicyDocument Policy,
    string DefaultBranch,
    IReadOnlySet<TeamMembership>? ActiveTeamMembers = null);
