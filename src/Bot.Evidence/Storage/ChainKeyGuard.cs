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
    public const string SettingName = "chain_key_id";

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
            RequireStrongFirstKey(hmacKey, path);
            connection.Execute("INSERT INTO chain_settings (name, value) VALUES (@SettingName, @wanted)", new { SettingName, wanted }, transaction);
            transaction.Commit();
            return;
        }
        RequireSame(stored, hasher, hmacKey, path);
    }

    /// <summary>The first key is kept for good (records chained with two keys could never be verified): a weak one is refused
    /// before it is recorded.</summary>
    public static void RequireStrongFirstKey(byte[]? hmacKey, string path)
    {
        if (hmacKey is { Length: < ChainHasher.MinimumKeyBytes })
        {
            throw new EvidenceSchemaException(
                $"Evidence database {path} would be chained with an HMAC key of {hmacKey.Length} bytes; a new chain needs at least {ChainHasher.MinimumKeyBytes}.");
        }
    }

    /// <summary>Refuses a configuration whose key is not the one <paramref name="stored"/> names.</summary>
    public static void RequireSame(string stored, ChainHasher hasher, byte[]? hmacKey, string path)
    {
        var wanted = KeyId(hmacKey);
        if (!string.Equals(stored, wanted, StringComparison.Ordinal))
        {
            throw new EvidenceSchemaException(
                $"Evidence database {path} is chained with key '{stored}' but this configuration gives '{wanted}' "
                + $"({(hasher.UsesHmac ? "an HMAC key is set" : "no HMAC key is set")}). Configure the key the database was started with.");
        }
    }

    /// <summary>
    /// For the commands that only read (verify, export): a keyed chain read without its key, or with another key, would
    /// report every record as broken, which reads like tampering; say instead which key the file needs. The setting is
    /// in the file, so it proves nothing: a chain re-hashed without a key by someone who also rewrote the setting passes
    /// a keyless verify; verifying with the key (or against a checkpoint) is what catches that.
    /// </summary>
    public static void RequireForReading(System.Data.Common.DbConnection connection, byte[]? hmacKey, string path)
    {
        var stored = connection.ExecuteScalar<string?>("SELECT value FROM chain_settings WHERE name = @SettingName", new { SettingName });
        var wanted = KeyId(hmacKey);
        if (stored is null || string.Equals(stored, wanted, StringComparison.Ordinal))
        {
            return;
        }
        throw new EvidenceSchemaException(hmacKey is null
            ? $"{path} is chained with an HMAC key ('{stored}'); set Evidence__HmacKey to the key the service writes it with."
            : $"{path} is chained with key '{stored}' but Evidence__HmacKey gives '{wanted}'. Set the key the service writes it with; "
                + "if that is this key, the file's chain was replaced.");
    }
}
