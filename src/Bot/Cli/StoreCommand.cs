using System.CommandLine;
using Bot.Evidence.Postgres;

namespace Bot.Cli;

/// <summary><c>bot store copy --from sqlite:PATH --to postgres:CONNSTRING</c>: moves a SQLite store into an empty PostgreSQL
/// database with every chain's seq and hashes unchanged (docs/evidence.md, Moving to PostgreSQL). Stop the service first.</summary>
public static class StoreCommand
{
    private const string SqlitePrefix = "sqlite:";
    private const string PostgresPrefix = "postgres:";

    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "The store to copy: sqlite:PATH", Required = true };
        var to = new Option<string>("--to") { Description = "The empty PostgreSQL store to fill: postgres:CONNECTION-STRING", Required = true };
        var copy = new Command("copy", "Copy a SQLite store into an empty PostgreSQL store, chains unchanged, and verify both") { from, to };
        copy.SetAction(result =>
        {
            var io = result.InvocationConfiguration;
            var source = result.GetRequiredValue(from);
            var target = result.GetRequiredValue(to);
            if (!source.StartsWith(SqlitePrefix, StringComparison.Ordinal) || !target.StartsWith(PostgresPrefix, StringComparison.Ordinal))
            {
                io.Error.WriteLine($"error: store copy goes from {SqlitePrefix}PATH to {PostgresPrefix}CONNECTION-STRING");
                return ExitCodes.BadInput;
            }
            var path = source[SqlitePrefix.Length..];
            if (!File.Exists(path))
            {
                io.Error.WriteLine($"error: no evidence database at {path}");
                return ExitCodes.BadInput;
            }
            return SqliteToPostgresCopy.Copy(path, target[PostgresPrefix.Length..], EvidenceCliOptions.HmacKey(), io.Output, io.Error);
        });
        return new Command("store", "Move the evidence store between providers") { copy };
    }
}
