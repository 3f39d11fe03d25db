using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Bot.FakeGitHub;

public sealed partial class FakeGitHubServer
{
    private const string Repos = "/repos/{owner}/{repo}";

    private void Configure(WebApplication app)
    {
        // GHES: the API lives under the prefix; anything outside it is a 404, which catches clients that drop it.
        app.Use(async (context, next) =>
        {
            if (_pathPrefix.Length > 0)
            {
                if (!context.Request.Path.StartsWithSegments(_pathPrefix, out var rest))
                {
                    Calls.Record(Describe(context, "(outside API prefix)", 404));
                    await FakeHttp.WriteErrorAsync(context, 404, "Not Found");
                    return;
                }

                context.Request.PathBase = _pathPrefix;
                context.Request.Path = rest;
            }

            await next(context);
        });
        UseRateLimitHeaders(app);
        app.Use(RateLimitAsync);
        app.UseRouting();

        Map(app, "POST", "/app/installations/{id:long}/access_tokens", CreateAccessToken);
        Map(app, "GET", "/app/installations", ListInstallations);
        Map(app, "GET", "/app", GetApp);
        Map(app, "GET", "/installation/repositories", ListInstallationRepositories);
        Map(app, "GET", Repos, GetRepository);
        Map(app, "GET", Repos + "/pulls", ListPulls);
        Map(app, "GET", Repos + "/pulls/{number:int}", GetPull);
        Map(app, "GET", Repos + "/pulls/{number:int}/commits", c => ListOfPull(c, pr => pr.Commits.Take(PullRequestCommitsCap).Select(FakeJson.Commit)));
        Map(app, "GET", Repos + "/pulls/{number:int}/reviews", c => ListOfPull(c, pr => pr.Reviews.Select(FakeJson.Review)));
        Map(app, "GET", Repos + "/pulls/{number:int}/files", c => ListOfPull(c, pr => pr.Files.Take(PullRequestFilesCap).Select(FakeJson.File)));
        Map(app, "GET", Repos + "/contents/{**path}", GetContent);
        Map(app, "POST", Repos + "/check-runs", CreateCheckRun);
        Map(app, "PATCH", Repos + "/check-runs/{id:long}", UpdateCheckRun);
        Map(app, "GET", Repos + "/commits/{ref}/check-runs", ListCheckRuns);
        Map(app, "POST", Repos + "/statuses/{sha}", CreateStatus);
        Map(app, "POST", Repos + "/issues/{number:int}/comments", CreateIssueComment);
        Map(app, "GET", Repos + "/issues/comments/{id:long}", GetIssueComment);
        Map(app, "GET", "/orgs/{org}/teams/{team}/memberships/{username}", GetTeamMembership);
        Map(app, "GET", Repos + "/compare/{**basehead}", Compare);
        Map(app, "GET", Repos + "/commits/{sha}/pulls", PullsForCommit);
        Map(app, "GET", Repos + "/commits", ListCommits);
        Map(app, "GET", Repos + "/commits/{sha}", GetCommit);
        Map(app, "GET", "/app/hook/deliveries", ListHookDeliveries);
        Map(app, "GET", "/app/hook/deliveries/{id:long}", GetHookDelivery);
        Map(app, "POST", "/app/hook/deliveries/{id:long}/attempts", RedeliverHookDelivery);
        Map(app, "GET", "/login/oauth/authorize", OAuthAuthorize);
        Map(app, "POST", "/login/oauth/access_token", OAuthAccessToken);
        Map(app, "GET", "/user", GetAuthenticatedUser);
        Map(app, "GET", "/orgs/{org}/installation", GetOrganizationInstallation);
        Map(app, "GET", Repos + "/branches", ListBranches);
        app.MapFallback(async context =>
        {
            Calls.Record(Describe(context, "(unknown route)", 404));
            await FakeHttp.WriteErrorAsync(context, 404, "Not Found");
        });
    }

    /// <summary>Every route goes through here: injected faults first, then the handler; the call is logged with its status.</summary>
    private void Map(WebApplication app, string method, string pattern, Func<HttpContext, Task> handler)
    {
        var route = method + " " + pattern.Replace(":int", "", StringComparison.Ordinal).Replace(":long", "", StringComparison.Ordinal);
        app.MapMethods(pattern, [method], async context =>
        {
            try
            {
                if (!await ApplyFaultAsync(context))
                {
                    await handler(context);
                }
            }
            catch (FakeHttpError error)
            {
                await FakeHttp.WriteErrorAsync(context, error.StatusCode, error.Message);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The client gave up (its timeout): nothing to answer.
            }

            Calls.Record(Describe(context, route, context.Response.StatusCode));
        });
    }

    private async Task<bool> ApplyFaultAsync(HttpContext context)
    {
        if (Faults.Next(context.Request.PathBase + context.Request.Path) is not { } fault)
        {
            return false;
        }

        fault.BeforeAnswer?.Invoke();

        if (fault.Delay > TimeSpan.Zero)
        {
            await Task.Delay(fault.Delay, context.RequestAborted);
        }

        if (fault.HeldUntil is { } release)
        {
            await release.WaitAsync(context.RequestAborted);
        }

        if (fault.StatusCode == 0)
        {
            return false;
        }

        if (fault.RetryAfterSeconds is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        }

        if (fault.RateLimitExhausted)
        {
            context.Response.Headers["x-ratelimit-remaining"] = "0";
            context.Response.Headers["x-ratelimit-reset"] = (fault.RateLimitResetEpoch ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        }

        await FakeHttp.WriteErrorAsync(context, fault.StatusCode, fault.Message ?? "Fault");
        return true;
    }

    private static FakeRequest Describe(HttpContext context, string route, int status)
    {
        var headers = context.Request.Headers;
        return new FakeRequest(
            context.Request.Method,
            context.Request.PathBase + context.Request.Path,
            context.Request.QueryString.Value ?? "",
            route,
            status,
            headers.UserAgent.ToString() is { Length: > 0 } ua ? ua : null,
            headers.Accept.ToString() is { Length: > 0 } accept ? accept : null,
            headers["X-GitHub-Api-Version"].ToString() is { Length: > 0 } version ? version : null,
            headers.IfNoneMatch.ToString() is { Length: > 0 } inm ? inm : null,
            headers.Authorization.ToString().Split(' ')[0] is { Length: > 0 } scheme ? scheme : null);
    }

    // ---- authentication ----

    private static string Bearer(HttpContext context)
    {
        var value = context.Request.Headers.Authorization.ToString();
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space < 0 ? "" : value[..space];
        if (!scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) && !scheme.Equals("token", StringComparison.OrdinalIgnoreCase))
        {
            throw new FakeHttpError(401, "Requires authentication");
        }

        return value[(space + 1)..].Trim();
    }

    private long RequireInstallationToken(HttpContext context) =>
        _auth.InstallationFor(Bearer(context)) ?? throw new FakeHttpError(401, "Bad credentials");

    /// <summary>The repository named in the route, visible to the caller's installation (404 otherwise, as GitHub hides it).</summary>
    private FakeRepository RequireRepo(HttpContext context)
    {
        var installation = RequireInstallationToken(context);
        var fullName = $"{context.Request.RouteValues["owner"]}/{context.Request.RouteValues["repo"]}";
        lock (_gate)
        {
            return _repos.TryGetValue(fullName, out var repo) && repo.InstallationId == installation
                ? repo
                : throw new FakeHttpError(404, "Not Found");
        }
    }

    private static FakePullRequest RequirePull(HttpContext context, FakeRepository repo)
    {
        var number = int.Parse((string)context.Request.RouteValues["number"]!, CultureInfo.InvariantCulture);
        return repo.PullRequests.FirstOrDefault(p => p.Number == number) ?? throw new FakeHttpError(404, "Not Found");
    }

    private async Task CreateAccessToken(HttpContext context)
    {
        if (_auth.VerifyJwt(Bearer(context)) is { } problem)
        {
            throw new FakeHttpError(401, problem);
        }

        var id = long.Parse((string)context.Request.RouteValues["id"]!, CultureInfo.InvariantCulture);
        lock (_gate)
        {
            if (!_installations.ContainsKey(id))
            {
                throw new FakeHttpError(404, "Not Found");
            }

            if (_suspended.Contains(id))
            {
                throw new FakeHttpError(403, "This installation has been suspended");
            }
        }

        var (token, expires) = _auth.Issue(id);
        await FakeHttp.WriteJsonAsync(context, new { token, expires_at = FakeJson.Time(expires), permissions = new { }, repository_selection = "selected" }, 201);
    }

    // ---- reads ----

    private async Task ListInstallations(HttpContext context)
    {
        if (_auth.VerifyJwt(Bearer(context)) is { } problem)
        {
            throw new FakeHttpError(401, problem);
        }

        List<object> installations;
        lock (_gate)
        {
            installations = _installations.Keys.Order().Select(id => (object)new { id, app_id = long.Parse(AppId, CultureInfo.InvariantCulture) }).ToList();
        }

        await FakeHttp.WriteJsonAsync(context, FakeHttp.Page(context, installations));
    }

    private async Task ListInstallationRepositories(HttpContext context)
    {
        var installation = RequireInstallationToken(context);
        List<object> repos;
        lock (_gate)
        {
            repos = _installations[installation].Order(StringComparer.OrdinalIgnoreCase).Select(name => FakeJson.Repo(_repos[name])).ToList();
        }

        var page = FakeHttp.Page(context, repos);
        await FakeHttp.WriteJsonAsync(context, new { total_count = repos.Count, repository_selection = "selected", repositories = page });
    }

    private async Task GetRepository(HttpContext context)
    {
        var repo = RequireRepo(context);
        await FakeHttp.WriteJsonAsync(context, FakeJson.Repo(repo));
    }

    private async Task ListPulls(HttpContext context)
    {
        var repo = RequireRepo(context);
        var state = FakeHttp.Query(context, "state") ?? "open";
        List<object> pulls;
        lock (_gate)
        {
            var matching = repo.PullRequests.Where(p => state == "all" || p.State == state);
            // GitHub: sort=created (default, newest first) or updated; direction defaults to desc for created, asc otherwise.
            pulls = (FakeHttp.Query(context, "sort") == "updated"
                    ? FakeHttp.Query(context, "direction") == "desc" ? matching.OrderByDescending(p => p.UpdatedAt) : matching.OrderBy(p => p.UpdatedAt)
                    : matching.OrderByDescending(p => p.Number))
                .Select(FakeJson.Pull).ToList();
        }

        await FakeHttp.WriteJsonAsync(context, FakeHttp.Page(context, pulls));
    }

    private async Task GetPull(HttpContext context)
    {
        var repo = RequireRepo(context);
        object pull;
        lock (_gate)
        {
            pull = FakeJson.Pull(RequirePull(context, repo));
        }

        await FakeHttp.WriteJsonAsync(context, pull);
    }

    private async Task ListOfPull(HttpContext context, Func<FakePullRequest, IEnumerable<object>> select)
    {
        var repo = RequireRepo(context);
        List<object> items;
        lock (_gate)
        {
            items = select(RequirePull(context, repo)).ToList();
        }

        await FakeHttp.WriteJsonAsync(context, FakeHttp.Page(context, items));
    }

    private async Task GetContent(HttpContext context)
    {
        var repo = RequireRepo(context);
        var path = Uri.UnescapeDataString((string)context.Request.RouteValues["path"]!).Trim('/');
        var gitRef = FakeHttp.Query(context, "ref") ?? repo.DefaultBranch;
        object content;
        lock (_gate)
        {
            if (repo.Contents.TryGetValue((path, gitRef), out var text))
            {
                content = FakeJson.Content(path, text);
            }
            else if (repo.Contents.Keys.Any(k => k.Ref == gitRef && k.Path.StartsWith(path + "/", StringComparison.Ordinal)))
            {
                content = repo.Contents.Keys.Where(k => k.Ref == gitRef && k.Path.StartsWith(path + "/", StringComparison.Ordinal))
                    .Select(k => new { type = "file", path = k.Path, name = k.Path.Split('/')[^1] }).ToArray();
            }
            else
            {
                throw new FakeHttpError(404, "Not Found");
            }
        }

        await FakeHttp.WriteJsonAsync(context, content);
    }

    private async Task ListCheckRuns(HttpContext context)
    {
        var repo = RequireRepo(context);
        var gitRef = Uri.UnescapeDataString((string)context.Request.RouteValues["ref"]!);
        var name = FakeHttp.Query(context, "check_name");
        var appId = FakeHttp.Query(context, "app_id");
        List<object> runs;
        lock (_gate)
        {
            var sha = repo.PullRequests.FirstOrDefault(p => p.HeadRef == gitRef)?.HeadSha ?? gitRef;
            runs = repo.CheckRuns
                .Where(r => r.HeadSha == sha && (name is null || r.Name == name) && (appId is null || r.AppId.ToString(CultureInfo.InvariantCulture) == appId))
                .OrderByDescending(r => r.Id)
                .Select(r => FakeJson.CheckRun(r, BaseUrl.AbsoluteUri.TrimEnd('/'), repo.FullName))
                .ToList();
        }

        var page = FakeHttp.Page(context, runs);
        await FakeHttp.WriteJsonAsync(context, new { total_count = runs.Count, check_runs = page });
    }

    private async Task Compare(HttpContext context)
    {
        var repo = RequireRepo(context);
        var basehead = Uri.UnescapeDataString((string)context.Request.RouteValues["basehead"]!);
        var split = basehead.IndexOf("...", StringComparison.Ordinal);
        if (split < 0)
        {
            throw new FakeHttpError(404, "Not Found");
        }

        FakeComparison comparison;
        lock (_gate)
        {
            comparison = FindComparison(repo, basehead[..split], basehead[(split + 3)..])
                ?? CompareHistory(repo, basehead[..split], basehead[(split + 3)..])
                ?? throw new FakeHttpError(404, "Not Found");
        }

        var commits = CompareCommits(context, comparison.Commits);
        var firstPage = (FakeHttp.Query(context, "page") ?? "1") == "1";
        await FakeHttp.WriteJsonAsync(context, new
        {
            status = comparison.Status,
            ahead_by = comparison.Commits.Count,
            behind_by = 0,
            total_commits = comparison.Commits.Count,
            commits,
            files = firstPage ? comparison.Files.Take(CompareFilesCap).Select(FakeJson.File).ToArray() : [],
        });
    }

    private async Task PullsForCommit(HttpContext context)
    {
        var repo = RequireRepo(context);
        var sha = (string)context.Request.RouteValues["sha"]!;
        List<object> pulls;
        lock (_gate)
        {
            pulls = repo.PullRequests
                .Where(p => p.HeadSha == sha || p.HeadRef == sha || p.MergeCommitSha == sha || p.Commits.Any(c => c.Sha == sha) || p.LandedShas.Contains(sha) || IsAssociated(p, sha))
                .Select(FakeJson.Pull).ToList();
        }

        await FakeHttp.WriteJsonAsync(context, FakeHttp.Page(context, pulls));
    }

    // ---- writes ----

    private async Task CreateCheckRun(HttpContext context)
    {
        var repo = RequireRepo(context);
        var body = await ReadBodyAsync(context);
        var name = Str(body, "name");
        var headSha = Str(body, "head_sha");
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(headSha))
        {
            throw new FakeHttpError(422, "Invalid request: name and head_sha are required");
        }

        FakeCheckRun run;
        lock (_gate)
        {
            var appId = long.Parse(AppId, CultureInfo.InvariantCulture);
            // GitHub starts a check run when it is created unless the request says when it started.
            var created = FakeJson.Time(DateTimeOffset.UtcNow);
            run = Apply(new FakeCheckRun(++_nextId, name, headSha, "queued", null, null, null, null, null, null, appId, created, null, 0), body, isUpdate: false);
            repo.CheckRuns.Add(run);
        }

        await FakeHttp.WriteJsonAsync(context, FakeJson.CheckRun(run, BaseUrl.AbsoluteUri.TrimEnd('/'), repo.FullName), 201);
    }

    private async Task UpdateCheckRun(HttpContext context)
    {
        var repo = RequireRepo(context);
        var body = await ReadBodyAsync(context);
        var id = long.Parse((string)context.Request.RouteValues["id"]!, CultureInfo.InvariantCulture);
        FakeCheckRun run;
        lock (_gate)
        {
            var index = repo.CheckRuns.FindIndex(r => r.Id == id);
            if (index < 0)
            {
                throw new FakeHttpError(404, "Not Found");
            }

            run = repo.CheckRuns[index] = Apply(repo.CheckRuns[index], body, isUpdate: true);
        }

        await FakeHttp.WriteJsonAsync(context, FakeJson.CheckRun(run, BaseUrl.AbsoluteUri.TrimEnd('/'), repo.FullName));
    }

    /// <summary>GitHub's rules: a conclusion forces <c>completed</c>; <c>completed</c> without a conclusion is a 422.</summary>
    private static FakeCheckRun Apply(FakeCheckRun run, JsonElement body, bool isUpdate)
    {
        var conclusion = Str(body, "conclusion") ?? run.Conclusion;
        var status = Str(body, "status") ?? run.Status;
        if (Str(body, "conclusion") is not null)
        {
            status = "completed";
        }

        if (status == "completed" && conclusion is null)
        {
            throw new FakeHttpError(422, "Invalid request: conclusion is required when status is completed");
        }

        var output = body.TryGetProperty("output", out var o) && o.ValueKind == JsonValueKind.Object ? o : (JsonElement?)null;
        return run with
        {
            Name = Str(body, "name") ?? run.Name,
            Status = status,
            Conclusion = conclusion,
            ExternalId = Str(body, "external_id") ?? run.ExternalId,
            DetailsUrl = Str(body, "details_url") ?? run.DetailsUrl,
            StartedAt = Str(body, "started_at") ?? run.StartedAt,
            CompletedAt = Str(body, "completed_at") ?? (status == "completed" ? run.CompletedAt ?? FakeJson.Time(DateTimeOffset.UtcNow) : run.CompletedAt),
            Title = output is { } t ? Str(t, "title") : run.Title,
            Summary = output is { } s ? Str(s, "summary") : run.Summary,
            Text = output is { } x ? Str(x, "text") : run.Text,
            UpdateCount = isUpdate ? run.UpdateCount + 1 : 0,
        };
    }

    private async Task CreateStatus(HttpContext context)
    {
        var repo = RequireRepo(context);
        var body = await ReadBodyAsync(context);
        var state = Str(body, "state");
        if (state is not ("error" or "failure" or "pending" or "success"))
        {
            throw new FakeHttpError(422, "Validation Failed: state");
        }

        var description = Str(body, "description");
        if (description?.Length > 140)
        {
            throw new FakeHttpError(422, "description is too long (maximum is 140 characters)");
        }

        FakeCommitStatus status;
        lock (_gate)
        {
            status = new FakeCommitStatus(++_nextId, (string)context.Request.RouteValues["sha"]!, state, Str(body, "context") ?? "default", description, Str(body, "target_url"));
            repo.Statuses.Add(status);
        }

        await FakeHttp.WriteJsonAsync(context, FakeJson.Status(status), 201);
    }

    private static async Task<JsonElement> ReadBodyAsync(HttpContext context)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new FakeHttpError(400, "Problems parsing JSON");
        }
    }

    private static string? Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
