using System.CommandLine;
using Bot.Evidence.Storage;

namespace Bot.Cli;

/// <summary><c>bot migrate</c>: creates the evidence store or brings it to this build's schema, as <c>bot serve</c> does at
/// start-up, and prints the schema version. Run it before starting new replicas on a shared database; running it again
/// changes nothing.</summary>
public static class MigrateCommand
{
    public static Command Create()
    {
        var db = EvidenceCliOptions.Database();
        var command = new Command("migrate", "Create or migrate the evidence store (Evidence__Provider, --db or Evidence__ConnectionString) and print its schema version") { db };
        command.SetAction(result =>
        {
            var io = result.InvocationConfiguration;
            Bot.Evidence.IEvidenceProvider? provider = null;
            try
            {
                provider = EvidenceCliOptions.Provider(result.GetRequiredValue(db));
                var version = provider.Migrate();
                io.Output.WriteLine($"{provider.Name} {provider.Location}: schema version {version}");
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is ArgumentException or EvidenceSchemaException or IOException or UnauthorizedAccessException
                                      || provider?.Errors.IsStoreError(e) == true)
            {
                io.Error.WriteLine($"error: {e.Message}");
                return e is ArgumentException ? ExitCodes.BadInput : ExitCodes.Failure;
            }
        });
        return command;
    }
}
