using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using NUnit.Framework;

namespace Bot.TestSupport.Postgres;

/// <summary>
/// A PostgreSQL cluster of the test run's own: <c>initdb</c> into a temp folder (trust authentication for 127.0.0.1 only,
/// a generated superuser), <c>pg_ctl start</c> on a free 127.0.0.1 port with its socket in that folder. One per test
/// process, started by the first fixture that asks (<see cref="Acquire"/>); each fixture gets a fresh database of its own
/// (<see cref="CreateDatabase"/>). Stopped and deleted by <see cref="StopShared"/> (a [SetUpFixture]'s OneTimeTearDown)
/// or, failing that, when the process exits; a cluster left by a killed run is stopped by the next run.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private const string FolderPrefix = "bot-pg-";
    private static readonly Lock Gate = new();
    private static PostgresCluster? _shared;
    private static string? _unavailable;

    private readonly PostgresBinaries _binaries;
    private readonly string _folder;
    private readonly string _dataFolder;
    private bool _stopped;

    private PostgresCluster(PostgresBinaries binaries, string folder, int port, string superuser)
    {
        _binaries = binaries;
        _folder = folder;
        _dataFolder = Path.Combine(folder, "data");
        Port = port;
        Superuser = superuser;
    }

    public int Port { get; }

    public string Superuser { get; }

    /// <summary>The run's cluster, started on first use; a missing PostgreSQL makes the calling test (or fixture) report as
    /// skipped with the reason, so a machine with only the .NET SDK still passes.</summary>
    public static PostgresCluster Acquire()
    {
        lock (Gate)
        {
            if (_shared is null && _unavailable is null)
            {
                var binaries = PostgresBinaries.Find();
                if (binaries is null)
                {
                    _unavailable = PostgresBinaries.Missing;
                }
                else
                {
                    StopAbandoned(binaries);
                    _shared = Start(binaries);
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => StopShared();
                }
            }
            if (_shared is null)
            {
                Assert.Ignore(_unavailable ?? PostgresBinaries.Missing);
            }
            return _shared!;
        }
    }

    public static void StopShared()
    {
        lock (Gate)
        {
            _shared?.Dispose();
            _shared = null;
        }
    }

    /// <summary>A connection string to <paramref name="database"/> as the superuser (no password: trust on 127.0.0.1).</summary>
    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Database = database,
        // Tests open and close stores often; a pool per store is what the service has too.
        Pooling = true,
        Timeout = 30,
    }.ConnectionString;

    /// <summary>Creates an empty database of its own (for one fixture) and returns its connection string.</summary>
    public string CreateDatabase()
    {
        var name = "bot_" + Guid.NewGuid().ToString("N")[..16];
        Admin($"CREATE DATABASE {name}");
        return ConnectionString(name);
    }

    /// <summary>Drops a database made by <see cref="CreateDatabase"/>, closing what still uses it.</summary>
    public void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        Admin($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    private void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString() + ";Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static PostgresCluster Start(PostgresBinaries binaries)
    {
        // The folder names the test process that started it: a later run stops the cluster once that process is gone (a
        // run killed before its clean-up), and never one whose process still runs (test assemblies run side by side).
        var folder = Path.Combine(Path.GetTempPath(),
            FolderPrefix + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        ClusterProcess.HandOver(folder);
        var superuser = "bot_super_" + Guid.NewGuid().ToString("N")[..8];
        var data = Path.Combine(folder, "data");
        ClusterProcess.Require(ClusterProcess.Run(binaries.InitDb,
            ["-D", data, "-U", superuser, "--auth=reject", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]), "initdb");
        // Only TCP from 127.0.0.1, without a password; everything else (the socket, ::1, other hosts) is refused.
        File.WriteAllText(Path.Combine(data, "pg_hba.conf"), "host all all 127.0.0.1/32 trust\n");
        // The port is free when asked; another process may take it before the server binds, so try a few.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var cluster = new PostgresCluster(binaries, folder, port, superuser);
            var started = ClusterProcess.Run(binaries.PgCtl,
            [
                "-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "120",
                // Throwaway data: no fsync (the machine is shared); the socket stays inside the folder.
                "-o", $"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                "start",
            ]);
            if (started.ExitCode == 0)
            {
                return cluster;
            }
            if (attempt == 3)
            {
                var log = Path.Combine(folder, "server.log");
                throw new InvalidOperationException($"pg_ctl start failed: {started.Output} {(File.Exists(log) ? File.ReadAllText(log) : "")}");
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops and deletes clusters of earlier runs whose test process no longer exists.</summary>
    private static void StopAbandoned(PostgresBinaries binaries)
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var owner = Path.GetFileName(folder)[FolderPrefix.Length..].Split('-')[0];
            if (int.TryParse(owner, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && IsAlive(pid))
            {
                continue;
            }
            Stop(binaries, Path.Combine(folder, "data"));
            TryDelete(folder);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void Stop(PostgresBinaries binaries, string data)
    {
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            // Immediate: the data is thrown away, so nothing needs a clean shutdown.
            ClusterProcess.Run(binaries.PgCtl, ["-D", data, "-m", "immediate", "-w", "stop"]);
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public void Dispose()
    {
        if (_stopped)
        {
            return;
        }
        _stopped = true;
        NpgsqlConnection.ClearAllPools();
        Stop(_binaries, _dataFolder);
        TryDelete(_folder);
    }
}
