using System.CommandLine;

namespace Bot.Cli;

/// <summary>The offline commands of the <c>bot</c> executable (<c>serve</c> is dispatched before this, in Program).</summary>
public static class BotCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("AI Change Control: SOC 2 CC8.1 change control for AI-assisted code")
        {
            CheckCommand.Create(),
            TrailersCommand.Create(),
            VerifyCommand.Create(),
            VerifyCommand.CreateCheckpoint(),
            ExportCommand.Create(),
            ScanCommand.Create(),
            BackupCommand.Create(),
        };
        return root;
    }

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return Build().Parse(args).InvokeAsync(configuration, cancellationToken);
    }
}
