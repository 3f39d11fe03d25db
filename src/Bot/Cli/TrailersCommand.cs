using System.CommandLine;
using Bot.Core.Trailers;

namespace Bot.Cli;

/// <summary><c>bot trailers [FILE|-]</c>: prints the trailers the bot sees in one commit message, one
/// <c>Key: value</c> a line, as <c>git log -1 --format='%(trailers:unfold,only)'</c> prints them.</summary>
public static class TrailersCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Commit message file, or - for standard input", DefaultValueFactory = _ => "-" };
        var command = new Command("trailers", "Show the trailers the bot reads in a commit message") { file };
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(file) ?? "-";
            string message;
            try
            {
                message = path == "-"
                    ? await Console.In.ReadToEndAsync(cancellationToken)
                    : await File.ReadAllTextAsync(path, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await result.InvocationConfiguration.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
            await result.InvocationConfiguration.Output.WriteAsync(TrailerParser.Format(TrailerParser.Parse(message)));
            return ExitCodes.Ok;
        });
        return command;
    }
}
