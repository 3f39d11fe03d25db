using System.CommandLine;
using System.CommandLine.Invocation;

namespace Bot.Cli;

/// <summary>The commands of the <c>bot</c> executable.</summary>
public static class BotCli
{
    /// <summary>The executable's name in help and usage lines, however it was started (<c>dotnet bot.dll</c>, a test host).</summary>
    public const string Name = "bot";

    public static RootCommand Build()
    {
        var root = new RootCommand("AI Change Control: SOC 2 CC8.1 change control for AI-assisted code")
        {
            ServeCommand.Create(),
            CheckCommand.Create(),
            TrailersCommand.Create(),
            VerifyCommand.Create(),
            VerifyCommand.CreateCheckpoint(),
            ExportCommand.Create(),
            ScanCommand.Create(),
            DeliveriesCommand.Create(),
            ReceiveCommand.Create(),
            BackupCommand.Create(),
            MigrateCommand.Create(),
            StoreCommand.Create(),
        };
        root.HelpName = Name;
        return root;
    }

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var result = Build().Parse(args);
        if (result.Action is ParseErrorAction)
            return Task.FromResult(UsageError.Write(result, error));
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        // The service handles SIGTERM and Ctrl+C itself (ASP.NET Core stops the workers and lets the inbox drain); the
        // parser's own handling would cancel it and end the process after two seconds.
        if (result.CommandResult.Command.Name == ServeCommand.Name)
            configuration.ProcessTerminationTimeout = null;
        return result.InvokeAsync(configuration, cancellationToken);
    }
}
