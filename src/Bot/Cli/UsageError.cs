using System.CommandLine;

namespace Bot.Cli;

/// <summary>What a command line the parser refused gets: one line per error and the command's usage line, on standard
/// error, exit code 2; not the whole help (that is what <c>--help</c> is for).</summary>
public static class UsageError
{
    public static int Write(ParseResult result, TextWriter error)
    {
        // One line each: some messages list their choices on lines of their own.
        foreach (var problem in result.Errors)
            error.WriteLine($"error: {string.Join(' ', problem.Message.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))}");
        var path = CommandPath(result.CommandResult.Command);
        error.WriteLine($"usage: {UsageOf(result.RootCommandResult.Command, path)} (more: {string.Join(' ', [BotCli.Name, .. path])} --help)");
        return ExitCodes.BadInput;
    }

    /// <summary>The usage line the command's help shows, e.g. <c>bot check [options]</c> (the help writer is internal to
    /// System.CommandLine, so the help is rendered and its usage line taken).</summary>
    private static string UsageOf(Command root, IReadOnlyList<string> path)
    {
        using var help = new StringWriter();
        root.Parse([.. path, "--help"]).Invoke(new InvocationConfiguration { Output = help });
        var lines = help.ToString().Split('\n');
        var title = Array.FindIndex(lines, line => line.TrimEnd() == "Usage:");
        return title >= 0 && title + 1 < lines.Length ? lines[title + 1].Trim() : string.Join(' ', [BotCli.Name, .. path]);
    }

    /// <summary>The subcommand names from the root down, e.g. ["check"]; empty for the root.</summary>
    private static List<string> CommandPath(Command command)
    {
        var names = new List<string>();
        for (var current = command; current is not RootCommand; current = current.Parents.OfType<Command>().First())
            names.Insert(0, current.Name);
        return names;
    }
}
