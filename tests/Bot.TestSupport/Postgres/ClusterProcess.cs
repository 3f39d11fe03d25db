using System.Diagnostics;

namespace Bot.TestSupport.Postgres;

/// <summary>
/// Runs initdb and pg_ctl. Both refuse to run as root, and the CI and this machine run tests as root: there they run as an
/// unprivileged account through <c>runuser -u ACCOUNT --</c> (util-linux, on every Debian), the account being
/// <c>postgres</c>, which Debian's package creates, else <c>nobody</c>. The cluster's folder is given to that account.
/// </summary>
internal static class ClusterProcess
{
    // Environment.UserName is the effective user's name (getpwuid(geteuid())).
    public static bool IsRoot { get; } = Environment.UserName == "root";

    public static string Account { get; } = AccountExists("postgres") ? "postgres" : "nobody";

    /// <summary>Gives <paramref name="folder"/> to the account the server runs as (root only; otherwise it is ours already).</summary>
    public static void HandOver(string folder)
    {
        if (IsRoot)
        {
            Require(Run("chown", ["-R", Account, folder], asAccount: false), "chown");
        }
    }

    public static (int ExitCode, string Output) Run(string program, IReadOnlyList<string> arguments, bool asAccount = true, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asAccount && IsRoot)
        {
            start.FileName = "runuser";
            foreach (var a in (string[])["-u", Account, "--", program])
            {
                start.ArgumentList.Add(a);
            }
        }
        else
        {
            start.FileName = program;
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        // Read both streams to the end (a full pipe would block the child); pg_ctl start's server keeps neither open (-l).
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish");
        }
        return (process.ExitCode, stdout + stderr.Result);
    }

    public static void Require((int ExitCode, string Output) result, string what)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} failed ({result.ExitCode}): {result.Output}");
        }
    }

    private static bool AccountExists(string name) =>
        File.Exists("/etc/passwd") && File.ReadLines("/etc/passwd").Any(line => line.StartsWith(name + ":", StringComparison.Ordinal));
}
