using System.CommandLine;

namespace Bot.Cli;

/// <summary><c>bot backup --out FILE [--db FILE]</c>: a verified copy of the evidence store, safe while the service runs.</summary>
public static class BackupCommand
{
    public static Command Create()
    {
        var db = EvidenceCliOptions.Database();
        var output = new Option<FileInfo>("--out") { Description = "The backup file to write (must not exist yet)", Required = true };
        var command = new Command("backup", "Copy the evidence store while the service runs (VACUUM INTO), verify the copy's chains, then keep it") { db, output };
        command.SetAction(result => EvidenceCliOptions.OnExistingStore(result.GetRequiredValue(db), result.InvocationConfiguration,
            store => store.Backup.Backup(result.GetRequiredValue(output).FullName, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error)));
        return command;
    }
}
