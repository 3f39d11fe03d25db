using System.Text;
using Bot.Evidence;
using Bot.Evidence.Health;
using Microsoft.Extensions.Options;

namespace Bot.Serve;

/// <summary>The evidence store in dependency injection: the provider <c>Evidence:Provider</c> names, the store it opens (once,
/// on first use; <see cref="StartupResources"/> makes that happen before the first request), and each seam of it on its
/// own, so that every consumer depends on the seam it uses and none on the database behind it.</summary>
public static class EvidenceServices
{
    public static IServiceCollection AddEvidenceStore(this IServiceCollection services)
    {
        // The provider Evidence:Provider names (validated at start: an unknown one never gets here), and this process's
        // identity among the replicas sharing the store: both from one set of store options, so the claims the inbox
        // writes and the leases the replica renews name the same holder.
        services.AddSingleton(provider => StoreOptions(provider.GetRequiredService<IOptions<EvidenceOptions>>().Value));
        services.AddSingleton(provider => EvidenceProviders.For(provider.GetRequiredService<EvidenceStoreOptions>()));
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<EvidenceStoreOptions>();
            return new Processing.Replica(options.ReplicaId, options.ClaimLease);
        });
        services.AddSingleton(Provider(provider => provider.Errors));
        services.AddSingleton(Provider(provider => provider.Export));
        services.AddSingleton(Provider(provider => provider.Chains));
        services.AddSingleton(Provider(provider => provider.Audit));
        // Disposed with the host (after the hosted services stopped): queued writes are committed first.
        services.AddSingleton(Provider(provider => provider.Open()));
        services.AddSingleton(Seam(store => store.Inbox));
        services.AddSingleton(Seam(store => store.Decisions));
        services.AddSingleton(Seam(store => store.Changes));
        services.AddSingleton(Seam(store => store.Overrides));
        services.AddSingleton(Seam(store => store.MergeGroups));
        services.AddSingleton(Seam(store => store.CheckRuns));
        services.AddSingleton(Seam(store => store.RecordedDeliveries));
        services.AddSingleton(Seam(store => store.Health));
        services.AddSingleton(Seam(store => store.Reconciliation));
        services.AddSingleton(Seam(store => store.Leases));
        services.AddSingleton(Seam(store => store.EvaluationLocks));
        return services;
    }

    /// <summary>The options of the store from the service's settings (the key as its UTF-8 bytes; empty: none).</summary>
    public static EvidenceStoreOptions StoreOptions(EvidenceOptions evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return new EvidenceStoreOptions
        {
            Provider = evidence.Provider,
            DatabasePath = evidence.DatabasePath,
            ConnectionString = evidence.ConnectionString,
            HmacKey = EvidenceOptions.DecodeHmacKey(evidence.HmacKey),
            ClaimLease = TimeSpan.FromSeconds(Math.Max(1, evidence.LeaseSeconds)),
        };
    }

    private static Func<IServiceProvider, T> Provider<T>(Func<IEvidenceProvider, T> part) where T : class =>
        services => part(services.GetRequiredService<IEvidenceProvider>());

    private static Func<IServiceProvider, T> Seam<T>(Func<IEvidenceStore, T> seam) where T : class =>
        services => seam(services.GetRequiredService<IEvidenceStore>());
}
