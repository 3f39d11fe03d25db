using Bot.Dashboard.Access;
using Bot.Dashboard.Evidence;
using Bot.Dashboard.Http;
using Bot.Evidence;
using Bot.Serve;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Bot.Dashboard;

/// <summary>
/// The compliance dashboard inside <c>bot serve</c>: Razor Pages under <c>/dashboard</c> (Dashboard/Pages), sign-in with
/// GitHub through the App's OAuth credentials, a cookie that is re-checked at least every 15 minutes, and the security
/// headers. Everything is registered only when <c>Dashboard:Allowed</c> names someone; otherwise <c>/dashboard</c> does
/// not exist (404) and the service carries none of it.
/// </summary>
public static class DashboardSetup
{
    public static void AddDashboard(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(DashboardOptions.Section);
        var options = new DashboardOptions();
        section.Bind(options);
        builder.Services.Configure<DashboardOptions>(section);
        if (!options.Enabled)
        {
            return;
        }
        var github = builder.Configuration.GetSection(GitHubOptions.Section);
        var signIn = new GitHubSignInOptions();
        github.Bind(signIn);
        var api = new GitHubOptions();
        github.Bind(api);
        var evidence = new EvidenceOptions();
        builder.Configuration.GetSection(EvidenceOptions.Section).Bind(evidence);
        var allowList = Require(options, signIn);

        var services = builder.Services;
        services.Configure<GitHubSignInOptions>(github);
        services.AddSingleton(allowList);
        services.AddSingleton<MembershipCheck>();
        services.AddScoped<GitHubSignInEvents>();
        services.AddScoped<SessionEvents>();
        services.AddSingleton<VerificationLog>();
        services.AddSingleton<DashboardStore>();

        // Sign-in cookies are encrypted with keys kept beside the evidence file, so a restart does not sign everyone out.
        services.AddDataProtection()
            .SetApplicationName("ai-change-control-dashboard")
            .PersistKeysToFileSystem(new DirectoryInfo(string.IsNullOrWhiteSpace(options.KeysPath)
                ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(evidence.DatabasePath)) ?? ".", "dashboard-keys")
                : options.KeysPath));
        if (string.IsNullOrWhiteSpace(options.KeysPath))
        {
            // A store several replicas share (PostgreSQL) keeps the keys in the database instead (configured after the
            // folder, so this wins): any replica reads any replica's cookies, and the load balancer needs nothing sticky.
            services.AddOptions<KeyManagementOptions>().Configure<IEvidenceProvider>((keys, provider) =>
            {
                if (provider.SharedKeyRing is { } ring)
                {
                    keys.XmlRepository = new StoreXmlRepository(ring);
                }
            });
        }

        services.AddAuthentication()
            .AddCookie(DashboardPaths.CookieScheme, cookie =>
            {
                // Secure on every HTTPS request; plain HTTP is only answered on loopback (HttpsOnly).
                cookie.Cookie.Name = "bot-dashboard";
                cookie.Cookie.Path = DashboardPaths.Root;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.LoginPath = DashboardPaths.SignIn;
                cookie.AccessDeniedPath = DashboardPaths.Denied;
                cookie.ReturnUrlParameter = "returnUrl";
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = true;
                cookie.EventsType = typeof(SessionEvents);
            })
            .AddOAuth(DashboardPaths.GitHubScheme, oauth =>
            {
                var web = signIn.WebBaseUrl.TrimEnd('/');
                oauth.SignInScheme = DashboardPaths.CookieScheme;
                oauth.ClientId = signIn.ClientId!;
                oauth.ClientSecret = signIn.ClientSecret!;
                oauth.CallbackPath = DashboardPaths.Callback;
                oauth.AuthorizationEndpoint = web + "/login/oauth/authorize";
                oauth.TokenEndpoint = web + "/login/oauth/access_token";
                oauth.UserInformationEndpoint = api.ApiBaseUrl.TrimEnd('/') + "/user";
                oauth.UsePkce = true;
                // GitHub's token for the user is used once, to ask who signed in, and never stored.
                oauth.SaveTokens = false;
                oauth.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                oauth.CorrelationCookie.SameSite = SameSiteMode.Lax;
                oauth.EventsType = typeof(GitHubSignInEvents);
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(DashboardPaths.Policy, policy => policy
                .AddAuthenticationSchemes(DashboardPaths.CookieScheme)
                .RequireAuthenticatedUser()
                .RequireClaim(DashboardClaims.Access, DashboardClaims.Allowed))
            .AddPolicy(DashboardPaths.SignedInPolicy, policy => policy
                .AddAuthenticationSchemes(DashboardPaths.CookieScheme)
                .RequireAuthenticatedUser());
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "bot-dashboard-antiforgery";
            antiforgery.Cookie.Path = DashboardPaths.Root;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // SecurityHeaders sends DENY on every dashboard answer.
            antiforgery.SuppressXFrameOptionsHeader = true;
        });
        services.AddRazorPages(pages =>
            {
                pages.RootDirectory = "/Dashboard/Pages";
                // Audit pages: members only. Account pages: the sign-in page is open to anyone; the 403 page and sign-out
                // need a signed-in person (allowed or not), so their forms and the person are the same on both requests.
                pages.Conventions.AuthorizeFolder("/Audit", DashboardPaths.Policy);
                pages.Conventions.AuthorizePage("/Account/Denied", DashboardPaths.SignedInPolicy);
                pages.Conventions.AuthorizePage("/Account/SignOut", DashboardPaths.SignedInPolicy);
            })
            .ConfigureApplicationPartManager(parts =>
            {
                // The pages are compiled into this assembly; a host started from another entry assembly (tests) would not
                // find them by itself.
                var assembly = typeof(DashboardSetup).Assembly;
                if (!parts.ApplicationParts.OfType<AssemblyPart>().Any(part => part.Assembly == assembly))
                {
                    foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
                    {
                        parts.ApplicationParts.Add(part);
                    }
                }
            });
    }

    public static void MapDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value;
        if (!options.Enabled)
        {
            return;
        }
        var web = new Uri(app.Services.GetRequiredService<IOptions<GitHubSignInOptions>>().Value.WebBaseUrl);
        var headers = new SecurityHeaders(web.GetLeftPart(UriPartial.Authority));
        var publicAddress = string.IsNullOrWhiteSpace(options.PublicUrl) ? null : new PublicAddress(new Uri(options.PublicUrl));
        var assets = new EmbeddedFileProvider(typeof(DashboardSetup).Assembly, "Bot.Dashboard.Assets");
        app.UseWhen(context => context.Request.Path.StartsWithSegments(DashboardPaths.Root), dashboard =>
        {
            if (publicAddress is not null)
            {
                dashboard.Use(publicAddress.InvokeAsync);
            }
            dashboard.Use(headers.InvokeAsync);
            dashboard.Use(HttpsOnly.InvokeAsync);
            dashboard.UseStaticFiles(new StaticFileOptions { FileProvider = assets, RequestPath = DashboardPaths.Assets });
            dashboard.UseAuthentication();
            dashboard.UseAuthorization();
        });
        // Authentication and authorization run for dashboard addresses only (the branch above): WebApplication would
        // otherwise add both in front of every request once their services exist, webhooks included.
        var pipeline = (IApplicationBuilder)app;
        pipeline.Properties["__AuthenticationMiddlewareSet"] = true;
        pipeline.Properties["__AuthorizationMiddlewareSet"] = true;
        app.MapRazorPages();
        SampleExport.Map(app);
    }

    /// <summary>The dashboard is on: refuse to start without what sign-in needs, naming each missing or malformed setting.</summary>
    private static AllowList Require(DashboardOptions options, GitHubSignInOptions signIn)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(signIn.ClientId)) problems.Add("GitHub:ClientId (env GitHub__ClientId; the App's Client ID, for Dashboard sign-in)");
        if (string.IsNullOrWhiteSpace(signIn.ClientSecret)) problems.Add("GitHub:ClientSecret (env GitHub__ClientSecret; a client secret generated on the App)");
        if (!Uri.TryCreate(signIn.WebBaseUrl, UriKind.Absolute, out _)) problems.Add($"GitHub:WebBaseUrl must be an absolute URL (got '{signIn.WebBaseUrl}')");
        if (!string.IsNullOrWhiteSpace(options.PublicUrl) && !Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out _))
            problems.Add($"Dashboard:PublicUrl must be an absolute URL (got '{options.PublicUrl}')");
        AllowList? allowList = null;
        try
        {
            allowList = new AllowList(options.Allowed);
        }
        catch (ArgumentException e)
        {
            problems.Add(e.Message);
        }
        if (problems.Count > 0) throw new MissingConfigurationException(problems);
        return allowList!;
    }
}
