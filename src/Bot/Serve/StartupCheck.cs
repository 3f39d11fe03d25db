using System.Text;
using Bot.Population;

namespace Bot.Serve;

/// <summary>The service refuses to start without what it cannot work without, naming each missing or invalid setting.</summary>
public sealed class MissingConfigurationException(IReadOnlyList<string> missing)
    : CannotStartException("missing or invalid configuration: " + string.Join(", ", missing))
{
    public IReadOnlyList<string> Missing { get; } = missing;
}

public static class StartupCheck
{
    public static void Require(GitHubOptions github)
    {
        if (Problems(github) is { Count: > 0 } missing) throw new MissingConfigurationException(missing);
    }

    /// <summary>What is missing or invalid in the <c>GitHub</c> section, each named with its setting; empty when nothing.</summary>
    public static IReadOnlyList<string> Problems(GitHubOptions github)
    {
        ArgumentNullException.ThrowIfNull(github);
        var missing = new List<string>();
        if (github.AllWebhookSecrets().Count == 0) missing.Add("GitHub:WebhookSecret (env GitHub__WebhookSecret)");
        if (string.IsNullOrWhiteSpace(github.AppId)) missing.Add("GitHub:AppId (env GitHub__AppId)");
        else if (github.NumericAppId is null)
            missing.Add($"GitHub:AppId must be the App's numeric id (App settings, \"App ID\"), not '{github.AppId}'");
        if (!Uri.TryCreate(github.ApiBaseUrl, UriKind.Absolute, out var api) || api.Scheme is not ("https" or "http"))
            missing.Add($"GitHub:ApiBaseUrl must be an http(s) URL, not '{github.ApiBaseUrl}'");
        if (string.IsNullOrWhiteSpace(github.PrivateKey) && string.IsNullOrWhiteSpace(github.PrivateKeyPath))
            missing.Add("GitHub:PrivateKeyPath or GitHub:PrivateKey (env GitHub__PrivateKeyPath / GitHub__PrivateKey)");
        else if (string.IsNullOrWhiteSpace(github.PrivateKey) && Directory.Exists(github.PrivateKeyPath))
            missing.Add($"GitHub:PrivateKeyPath points to a folder, not a key file ({github.PrivateKeyPath})");
        else if (string.IsNullOrWhiteSpace(github.PrivateKey) && !File.Exists(github.PrivateKeyPath))
            missing.Add($"GitHub:PrivateKeyPath points to a file that does not exist ({github.PrivateKeyPath})");
        return missing;
    }

    /// <summary>The least the evidence chain's HMAC key holds, and the export token with it.</summary>
    public const int MinimumSecretBytes = Bot.Evidence.Chain.ChainHasher.MinimumKeyBytes;

    /// <summary>
    /// The secrets that protect the evidence: without a chain key anyone with write access to the file can re-hash a
    /// changed record, and a short key or export token can be guessed. A missing key is allowed only when asked for by
    /// name (development); the webhook secret is left to what GitHub allows.
    /// </summary>
    public static void RequireSecrets(EvidenceOptions evidence, ExportOptions export)
    {
        if (Problems(evidence).Concat(Problems(export)).ToList() is { Count: > 0 } problems) throw new MissingConfigurationException(problems);
    }

    /// <summary>The chain key's problems (see <see cref="RequireSecrets"/>) and a store provider this build does not have.</summary>
    public static IReadOnlyList<string> Problems(EvidenceOptions evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var problems = new List<string>();
        if (Bot.Evidence.EvidenceProviders.Unknown(evidence.Provider) is { } unknown) problems.Add(unknown);
        if (string.IsNullOrEmpty(evidence.HmacKey))
        {
            if (!evidence.AllowUnkeyedChain)
                problems.Add($"Evidence:HmacKey (env Evidence__HmacKey): a secret of at least {MinimumSecretBytes} bytes such as the output of "
                    + "`openssl rand -hex 32` (for development only Evidence:AllowUnkeyedChain=true starts without one)");
        }
        else if (EvidenceOptions.DecodeHmacKey(evidence.HmacKey)!.Length is var keyBytes and < MinimumSecretBytes)
        {
            problems.Add($"Evidence:HmacKey (env Evidence__HmacKey) of at least {MinimumSecretBytes} bytes: the one given has {keyBytes}");
        }
        return problems;
    }

    /// <summary>An export token too short to resist guessing (see <see cref="RequireSecrets"/>).</summary>
    public static IReadOnlyList<string> Problems(ExportOptions export)
    {
        ArgumentNullException.ThrowIfNull(export);
        var problems = new List<string>();
        if (!string.IsNullOrEmpty(export.ApiToken) && Encoding.UTF8.GetByteCount(export.ApiToken) is var tokenBytes and < MinimumSecretBytes)
        {
            problems.Add($"Export:ApiToken (env Export__ApiToken) of at least {MinimumSecretBytes} bytes: the one given has {tokenBytes} "
                + "(empty turns GET /api/export off)");
        }
        return problems;
    }
}
