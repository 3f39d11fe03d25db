using Bot.Evidence.Commands;

namespace Bot.Evidence.Tests;

internal static class VerifyRunner
{
    /// <param name="checkpoint">A checkpoint file, or the line itself.</param>
    public static (int Exit, string Output) Verify(string path, byte[]? key = null, string? checkpoint = null)
    {
        using var output = new StringWriter();
        var exit = EvidenceCommands.Verify(path, key, checkpoint, output);
        return (exit, output.ToString());
    }

    public static (int Exit, string Output) Checkpoint(string path, TimeProvider? clock = null)
    {
        using var output = new StringWriter();
        var exit = EvidenceCommands.Checkpoint(path, output, clock);
        return (exit, output.ToString());
    }
}
