using System.CommandLine;

namespace Bot.Cli;

/// <summary><c>bot verify</c> and <c>bot checkpoint</c>: recompute every evidence chain, and print their heads for safekeeping.</summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var db = EvidenceCliOptions.Database();
        var checkpoint = new Option<string?>("--checkpoint")
        {
            Description = "A file holding the line `bot checkpoint` printed, or that line itself; detects records removed from the end of any chain",
        };
        var command = new Command("verify", "Walk every evidence chain and report the first broken record") { db, checkpoint };
        command.SetAction(result => EvidenceCliOptions.OnExistingStore(result.GetRequiredValue(db), result.InvocationConfiguration,
            store => store.Chains.Verify(result.GetValue(checkpoint), result.InvocationConfiguration.Output)));
        return command;
    }

    public static Command CreateCheckpoint()
    {
        var db = EvidenceCliOptions.Database();
        var command = new Command("checkpoint", "Print one line holding the head of every evidence chain, to keep outside the database") { db };
        command.SetAction(result => EvidenceCliOptions.OnExistingStore(result.GetRequiredValue(db), result.InvocationConfiguration,
            store => store.Chains.Checkpoint(result.InvocationConfiguration.Output)));
        return command;
    }
}
