using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Bot.FakeGitHub;

namespace Bot.LoadTest;

/// <summary>The real <c>bot serve</c> (bot.dll beside this assembly) as a child process on 127.0.0.1, configured through
/// environment variables and wired to a fake GitHub. A child process so that its memory can be measured on its own and
/// so that it can be killed with SIGKILL and started again on the same database.</summary>
public sealed class BotProcess : IAsyncDisposable
{
    public const string Secret = "load-test-webhook-secret";

    /// <summary>The evidence chain's key (<c>bot serve</c> requires one of at least 32 bytes).</summary>
    public const string HmacKey = "load-test-evidence-chain-hmac-key-0123456789";

    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private BotProcess(Process process, Uri baseUrl, string databasePath)
    {
        _process = process;
        BaseUrl = baseUrl;
        DatabasePath = databasePath;
    }

    public Uri BaseUrl { get; }
    public string DatabasePath { get; }
    public int ProcessId => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <summary>What the service printed (warnings and errors), for diagnostics.</summary>
    public string Log { get { lock (_log) return _log.ToString(); } }

    public static async Task<BotProcess> StartAsync(string folder, FakeGitHubServer github, IReadOnlyDictionary<string, string>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(github);
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "bot.dll"), "serve", "--urls", $"http://127.0.0.1:{port}" })
            start.ArgumentList.Add(argument);
        var environment = new Dictionary<string, string>
        {
            ["GitHub__ApiBaseUrl"] = github.BaseUrl.ToString().TrimEnd('/'),
            ["GitHub__AppId"] = github.AppId,
            ["GitHub__PrivateKey"] = github.Key.PrivateKeyPkcs8Pem,
            ["GitHub__WebhookSecret"] = Secret,
            ["GitHub__Resilience__BaseDelay"] = "00:00:00.010",
            ["GitHub__Resilience__MaxBackoffDelay"] = "00:00:00.050",
            ["GitHub__Resilience__MaxServerRequestedDelay"] = "00:00:00.100",
            ["GitHub__Resilience__BreakerMinimumThroughput"] = "100000",
            ["Evidence__DatabasePath"] = Path.Combine(folder, "bot.db"),
            ["Evidence__HmacKey"] = HmacKey,
            ["Worker__RetryBaseSeconds"] = "0.05",
            ["Worker__PollSeconds"] = "0.05",
            ["Reconcile__Enabled"] = "false",
            ["Reconcile__DeliveriesEnabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet bot.dll");
        var bot = new BotProcess(process, new Uri($"http://127.0.0.1:{port}"), Path.Combine(folder, "bot.db"));
        process.OutputDataReceived += (_, e) => bot.Append(e.Data);
        process.ErrorDataReceived += (_, e) => bot.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await bot.WaitHealthyAsync();
        return bot;
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash or an OOM kill.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    /// <summary>Peak resident set size (VmHWM) of the service process, from /proc; 0 where /proc is unavailable.</summary>
    public long PeakRssBytes()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                var kb = line["VmHWM:".Length..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (IOException)
        {
            // The process has gone; the caller reads the figure while it runs.
        }
        return 0;
    }

    /// <summary>CPU time the service has used so far (user + system, all threads).</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM first so that the host stops cleanly; SIGKILL if it does not within the bound.
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try { await _process.WaitForExitAsync(bound.Token); }
            catch (OperationCanceledException) { Kill(); }
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log)
        {
            if (_log.Length < 256 * 1024) _log.AppendLine(line);
        }
    }

    private async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"bot serve exited with {_process.ExitCode} at start-up:\n{Log}");
            try
            {
                if ((await http.GetAsync(new Uri("/healthz", UriKind.Relative))).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { /* not listening yet */ }
            catch (TaskCanceledException) { /* not answering yet */ }
            await Task.Delay(100);
        }
        throw new TimeoutException($"bot serve did not become healthy within 60 s:\n{Log}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
