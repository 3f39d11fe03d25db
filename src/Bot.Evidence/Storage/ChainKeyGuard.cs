using System.Security.Cryptography;
using System.Text;
using Bot.Evidence.Chain;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Storage;

/// <summary>
/// Records which key the chain is written with (an identifier derived from the key, never the key) and refuses to open
/// the file with another one: a chain whose records use two keys could never be verified.
/// </summary>
internal static class ChainKeyGuard
{
    private const string SettingName = "chain_key_id";

    public static string KeyId(byte[]? hmacKey) => hmacKey is null
        ? "sha256"
        : "hmac-sha256:" + Convert.ToHexStringLower(HMACSHA256.HashData(hmacKey, Encoding.UTF8.GetBytes("bot-evidence key id"))[..8]);

    public static void Check(SqliteConnection connection, ChainHasher hasher, byte[]? hmacKey, string path)
    {
        var wanted = KeyId(hmacKey);
        using var transaction = connection.BeginTransaction(deferred: false);
        var stored = connection.ExecuteScalar<string?>(
            "SELECT value FROM chain_settings WHERE name = @SettingName", new { SettingName }, transaction);
        if (stored is null)
        {
            connection.Execute("INSERT INTO chain_settings (name, value) VALUES (@SettingName, @wanted)", new { SettingName, wanted }, transaction);
            transaction.Commit();
            return;
        }
        if (!string.Equals(stored, wanted, StringComparison.Ordinal))
        {
            throw new EvidenceSchemaException(
                $"Evidence database {path} is chained with key '{stored}' but this configuration gives '{wanted}' "
                + $"({(hasher.UsesHmac ? "an HMAC key is set" : "no HMAC key is set")}). Configure the key the database was started with.");
        }
    }
}
