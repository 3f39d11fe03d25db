using System.CommandLine;
using System.CommandLine.Parsing;
using Bot.Serve;

namespace Bot.Cli;

/// <summary><c>bot serve</c>: the GitHub App service. Declared here so that <c>bot --help</c> lists it and
/// <c>bot serve --help</c> explains it instead of starting it; everything after <c>serve</c> goes to ASP.NET Core's
/// configuration as it was given (<c>--urls</c>, or any setting such as <c>--Worker:Concurrency=4</c>).</summary>
public static class ServeCommand
{
    public const string Name = "serve";

    public static Command Create()
    {
        var urls = new Option<string?>("--urls")
        {
            Description = "Where to listen, e.g. http://127.0.0.1:8080 (default: ASPNETCORE_URLS or ASPNETCORE_HTTP_PORTS, else http://localhost:5000)",
        };
        var command = new Command(Name, "Run the GitHub App service (POST /webhooks/github; GET /healthz, /readyz, /status), set up by "
                                        + "./appsettings.json, environment variables (GitHub__AppId=...) and --Section:Key=value")
        {
            urls,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((result, _) => ServeHost.RunAsync(ArgumentsAfterServe(result)));
        return command;
    }

    /// <summary>The tokens after the <c>serve</c> command itself, as given.</summary>
    private static string[] ArgumentsAfterServe(ParseResult result) =>
    [
        .. result.Tokens.SkipWhile(token => token.Type != TokenType.Command || token.Value != Name).Skip(1).Select(token => token.Value),
    ];
}
