using System.CommandLine;
using Bot.Evidence.Commands;

namespace Bot.Cli;

/// <summary><c>bot verify</c> and <c>bot checkpoint</c>: recompute the evidence chain, and print its head for safekeeping.</summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var db = EvidenceCliOptions.Database();
        var checkpoint = new Option<FileInfo?>("--checkpoint") { Description = "A file holding a line printed by `bot checkpoint`; detects a truncated tail" };
        var command = new Command("verify", "Walk the whole evidence chain and report the first broken record") { db, checkpoint };
        command.SetAction(result => Run(result.GetRequiredValue(db), result.InvocationConfiguration,
            dbPath => EvidenceCommands.Verify(dbPath, EvidenceCliOptions.HmacKey(), result.GetValue(checkpoint)?.FullName, result.InvocationConfiguration.Output)));
        return command;
    }

    public static Command CreateCheckpoint()
    {
        var db = EvidenceCliOptions.Database();
        var command = new Command("checkpoint", "Print `seq hash time` of the chain's head, to store outside the database") { db };
        command.SetAction(result => Run(result.GetRequiredValue(db), result.InvocationConfiguration,
            dbPath => EvidenceCommands.Checkpoint(dbPath, result.InvocationConfiguration.Output)));
        return command;
    }

    /// <summary>Runs <paramref name="action"/> on an existing database file; a missing one is bad input (exit 2).</summary>
    internal static int Run(string dbPath, InvocationConfiguration io, Func<string, int> action)
    {
        if (!File.Exists(dbPath))
        {
            io.Error.WriteLine($"error: no evidence database at {dbPath}");
            return ExitCodes.BadInput;
        }
        return action(dbPath);
    }
}
