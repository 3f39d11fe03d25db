using System.Security.Cryptography;
using Bot.Evidence;
using Bot.Evidence.Storage;
using Bot.GitHub;
using Microsoft.Extensions.Options;

namespace Bot.Serve;

/// <summary>Opens what the service cannot run without before it takes a request: the evidence database (created and
/// migrated, which needs write access) and the App's private key. A failure there is the operator's to fix, so it
/// becomes one "cannot start" line naming the setting and the reason, never an unhandled exception.</summary>
public static class StartupResources
{
    public static void Open(IServiceProvider services)
    {
        var store = services.GetRequiredService<IEvidenceProvider>();
        try
        {
            services.GetRequiredService<IEvidenceStore>();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or EvidenceSchemaException or ArgumentException
                                  || store.Errors.IsStoreError(e))
        {
            throw new CannotStartException($"the evidence database {store.LocationSetting} ({store.Location}) cannot be used: {Reason(e)}", e);
        }
        try
        {
            services.GetRequiredService<GitHubApp>();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException)
        {
            var github = services.GetRequiredService<IOptions<GitHubOptions>>().Value;
            var setting = string.IsNullOrWhiteSpace(github.PrivateKey) ? $"GitHub:PrivateKeyPath ({github.PrivateKeyPath})" : "GitHub:PrivateKey";
            // The message names the problem, never key material (AppPrivateKey's messages do not quote the key).
            throw new CannotStartException($"the App's private key {setting} cannot be used: {Reason(e)}", e);
        }
    }

    /// <summary>The exception's message without the " (Parameter 'pem')" an ArgumentException appends for programmers.</summary>
    private static string Reason(Exception e) =>
        e is ArgumentException { ParamName: { } name } ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message;
}
