
namespace Bot.Evidence.Tests;

internal static class VerifyRunner
{
    /// <summary>The store at <paramref name="path"/> through the provider-neutral entry point the commands use.</summary>
    public static IEvidenceProvider Store(string path, byte[]? key = null, TimeProvider? clock = null) =>
        EvidenceProviders.For(new EvidenceStoreOptions { DatabasePath = path, HmacKey = key, Clock = clock ?? TimeProvider.System });

    /// <param name="checkpoint">A checkpoint file, or the line itself.</param>
    public static (int Exit, string Output) Verify(string path, byte[]? key = null, string? checkpoint = null)
    {
        using var output = new StringWriter();
        var exit = Store(path, key).Chains.Verify(checkpoint, output);
        return (exit, output.ToString());
    }

    public static (int Exit, string Output) Checkpoint(string path, TimeProvider? clock = null)
    {
        using var output = new StringWriter();
        var exit = Store(path, clock: clock).Chains.Checkpoint(output);
        return (exit, output.ToString());
    }
}
