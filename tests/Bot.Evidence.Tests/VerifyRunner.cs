using Bot.Evidence.Commands;

namespace Bot.Evidence.Tests;

internal static class VerifyRunner
{
    public static (int Exit, string Output) Verify(string path, byte[]? key = null, string? checkpointFile = null)
    {
        using var output = new StringWriter();
        var exit = EvidenceCommands.Verify(path, key, checkpointFile, output);
        return (exit, output.ToString());
    }

    public static (int Exit, string Output) Checkpoint(string path)
    {
        using var output = new StringWriter();
        var exit = EvidenceCommands.Checkpoint(path, output);
        return (exit, output.ToString());
    }
}
