using System.Security.Cryptography;

namespace Bot.Evidence;

/// <summary>What identifies a replica (one <c>bot serve</c> process) to the others sharing its store.</summary>
public static class Replicas
{
    /// <summary>The default of <see cref="EvidenceStoreOptions.ClaimLease"/>.</summary>
    public static readonly TimeSpan DefaultClaimLease = TimeSpan.FromSeconds(60);

    /// <summary>host/pid/random: readable in logs and in the database, and never the same for two processes (the random
    /// part tells apart a restarted process that got the same pid, e.g. pid 1 in a container).</summary>
    public static string NewId() =>
        $"{Environment.MachineName}/{Environment.ProcessId}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
}
