namespace Bot.TestSupport.Postgres;

/// <summary>Where Debian's <c>postgresql</c> package put <c>initdb</c> and <c>pg_ctl</c>: on PATH, or under
/// /usr/lib/postgresql/VERSION/bin (the package does not put them on PATH), the newest version first.</summary>
internal sealed record PostgresBinaries(string InitDb, string PgCtl)
{
    public const string Missing = "PostgreSQL not installed: apt-get install postgresql";

    public static PostgresBinaries? Find()
    {
        foreach (var folder in Candidates())
        {
            var initdb = Path.Combine(folder, "initdb");
            var pgCtl = Path.Combine(folder, "pg_ctl");
            if (File.Exists(initdb) && File.Exists(pgCtl))
            {
                return new PostgresBinaries(initdb, pgCtl);
            }
        }
        return null;
    }

    private static IEnumerable<string> Candidates()
    {
        const string debian = "/usr/lib/postgresql";
        if (Directory.Exists(debian))
        {
            foreach (var version in Directory.GetDirectories(debian)
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
            {
                yield return Path.Combine(version, "bin");
            }
        }
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            yield return folder;
        }
    }
}
