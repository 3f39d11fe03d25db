using System.CommandLine;
using Bot.Evidence.Commands;

namespace Bot.Cli;

/// <summary><c>bot backup --out FILE [--db FILE]</c>: a verified copy of the evidence store, safe while the service runs.</summary>
public static class BackupCommand
{
    public static Command Create()
    {
        var db = EvidenceCliOptions.Database();
        var output = new Option<FileInfo>("--out") { Description = "The backup file to write (must not exist yet)", Required = true };
        var command = new Command("backup", "Copy the evidence store while the service runs (VACUUM INTO), verify the copy's chains, then keep it") { db, output };
        command.SetAction(result => VerifyCommand.Run(result.GetRequiredValue(db), result.InvocationConfiguration,
            dbPath => EvidenceBackup.Backup(dbPath, result.GetRequiredValue(output).FullName, EvidenceCliOptions.HmacKey(),
                result.InvocationConfiguration.Output, result.InvocationConfiguration.Error)));
        return command;
    }
}
