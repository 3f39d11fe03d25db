using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using Bot.Evidence;

namespace Bot.Cli;

/// <summary>The evidence store of the commands that work on one (<c>verify</c>, <c>checkpoint</c>, <c>export</c>, <c>backup</c>,
/// <c>deliveries</c>, <c>scan</c>): the same defaults and environment variables as <c>bot serve</c> (<c>Evidence__Provider</c>,
/// <c>Evidence__DatabasePath</c>, <c>Evidence__HmacKey</c>), through the same provider-neutral entry point.</summary>
public static class EvidenceCliOptions
{
    public static Option<string> Database() => new("--db")
    {
        Description = "Evidence database file (default: $Evidence__DatabasePath, else data/bot.db)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("Evidence__DatabasePath") is { Length: > 0 } path ? path : "data/bot.db",
    };

    /// <summary>The store a command works on: <c>--db</c>, with the provider and the chain key from the environment as
    /// <c>bot serve</c> reads them (<c>Evidence__Provider</c>, <c>Evidence__HmacKey</c>).</summary>
    public static IEvidenceProvider Provider(string database) => EvidenceProviders.For(new EvidenceStoreOptions
    {
        Provider = Environment.GetEnvironmentVariable("Evidence__Provider") is { Length: > 0 } provider ? provider : EvidenceProviders.Sqlite,
        DatabasePath = database,
        ConnectionString = Environment.GetEnvironmentVariable("Evidence__ConnectionString") ?? "",
        HmacKey = HmacKey(),
    });

    /// <summary>The provider for <paramref name="database"/>; false (the error written, exit code 2) for a provider this build
    /// does not have.</summary>
    public static bool TryProvider(string database, InvocationConfiguration io, [NotNullWhen(true)] out IEvidenceProvider? provider)
    {
        try
        {
            provider = Provider(database);
            return true;
        }
        catch (ArgumentException e)
        {
            io.Error.WriteLine($"error: {e.Message}");
            provider = null;
            return false;
        }
    }

    /// <summary>Runs <paramref name="action"/> on an existing store; an unknown provider or a missing store is bad input (exit 2).</summary>
    public static int OnExistingStore(string database, InvocationConfiguration io, Func<IEvidenceProvider, int> action)
    {
        if (!TryProvider(database, io, out var provider))
            return ExitCodes.BadInput;
        try
        {
            if (!provider.Exists())
            {
                io.Error.WriteLine($"error: no evidence database at {(provider.Name == EvidenceProviders.Sqlite ? database : provider.Location)}");
                return ExitCodes.BadInput;
            }
        }
        catch (Exception e) when (e is ArgumentException || provider.Errors.IsStoreError(e))
        {
            // A missing or malformed connection string, a database server that cannot be reached.
            io.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        return action(provider);
    }

    /// <summary>The HMAC key is never taken on the command line (it would land in shell history and process lists).</summary>
    public static byte[]? HmacKey() =>
        Bot.Serve.EvidenceOptions.DecodeHmacKey(Environment.GetEnvironmentVariable("Evidence__HmacKey"));
}
