using System.Reflection;
using Bot.Tests.Support;

namespace Bot.Tests.Architecture;

/// <summary>Nothing outside Bot.Evidence knows which database holds the store (issue 17): the executable, the GitHub client
/// and the core reach it only through the seams of Bot.Evidence, so another provider is a change to Bot.Evidence alone.</summary>
public sealed class StoreNeutralityTests
{
    /// <summary>Database clients and drivers, by assembly name prefix.</summary>
    private static readonly string[] DatabaseClients = ["Microsoft.Data.Sqlite", "SQLitePCL", "Npgsql", "Dapper", "System.Data.SQLite"];

    private static IEnumerable<TestCaseData> Assemblies()
    {
        yield return new TestCaseData(typeof(Bot.Serve.ServeHost).Assembly).SetArgDisplayNames("bot");
        yield return new TestCaseData(typeof(Bot.GitHub.GitHubApp).Assembly).SetArgDisplayNames("Bot.GitHub");
        yield return new TestCaseData(typeof(Bot.Core.Evaluation.Evaluator).Assembly).SetArgDisplayNames("Bot.Core");
    }

    [TestCaseSource(nameof(Assemblies))]
    public void The_built_assembly_references_no_database_client(Assembly assembly)
    {
        var references = assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
        Assert.That(references, Is.Not.Empty, "the reference list was read");
        Assert.That(references.Where(name => DatabaseClients.Any(client => name.StartsWith(client, StringComparison.OrdinalIgnoreCase))), Is.Empty);
    }

    [TestCase("src/Bot")]
    [TestCase("src/Bot.GitHub")]
    [TestCase("src/Bot.Core")]
    public void The_sources_name_no_database_client(string folder)
    {
        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.That(sources, Is.Not.Empty, $"{folder} holds sources");
        var naming = sources.Where(f => DatabaseClients.Any(client => File.ReadAllText(f).Contains(client, StringComparison.OrdinalIgnoreCase))
                                        || File.ReadAllText(f).Contains("SqliteException", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(RepositoryRoot.Path, f));
        Assert.That(naming, Is.Empty, "these files name a database client; use the seams of Bot.Evidence (IStoreErrors for its exceptions)");
    }
}
