using Bot.Evidence.Commands;
using Bot.Evidence.Dashboard;
using Bot.Evidence.Deliveries;
using Bot.Evidence.Export;
using Bot.Evidence.Health;

namespace Bot.Evidence;

/// <summary>
/// The evidence store a configuration names (<see cref="EvidenceStoreOptions.Provider"/>): the one way in for the service
/// and for every command, so that nothing outside Bot.Evidence knows which database it talks to. Creating one does no
/// I/O; <see cref="Open"/> and the commands do.
/// </summary>
public interface IEvidenceProvider
{
    /// <summary>The provider's name as configured, e.g. <c>sqlite</c>.</summary>
    string Name { get; }

    /// <summary>Where the store is, for messages (the SQLite file's full path); never a password.</summary>
    string Location { get; }

    /// <summary>The setting that says where, for messages telling an operator what to fix, e.g. <c>Evidence:DatabasePath</c>.</summary>
    string LocationSetting { get; }

    /// <summary>Which exceptions are the store's own (known before it is opened: opening may be what fails).</summary>
    IStoreErrors Errors { get; }

    /// <summary>Whether the store exists: the commands that only read it (verify, checkpoint, export, backup, deliveries)
    /// refuse a missing one instead of creating it.</summary>
    bool Exists();

    /// <summary>Opens the store the service writes, creating and migrating it if needed. Throws
    /// <see cref="Storage.EvidenceSchemaException"/> for a schema newer than this build or a store chained with another key.</summary>
    IEvidenceStore Open();

    /// <summary><c>bot migrate</c>: creates the store if needed and brings it to this build's schema (as <see cref="Open"/>
    /// does at start-up), recording or checking the chain key; returns the schema version it has then. Idempotent.</summary>
    long Migrate();

    /// <summary><c>bot verify</c> and <c>bot checkpoint</c>.</summary>
    IChainAudit Chains { get; }

    /// <summary><c>bot export</c> and <c>GET /api/export</c>.</summary>
    IChangeExport Export { get; }

    /// <summary><c>bot deliveries list|retry</c>.</summary>
    IDeliveryAdministration Deliveries { get; }

    /// <summary>The dashboard's pages.</summary>
    IAuditReader Audit { get; }

    /// <summary><c>bot backup</c>.</summary>
    IStoreBackup Backup { get; }

    /// <summary>The dashboard's cookie key ring in the store, for a store several replicas share; null where one process
    /// owns the store (SQLite), which keeps the ring in a folder (<c>Dashboard:KeysPath</c>).</summary>
    IDashboardKeyRing? SharedKeyRing { get; }
}
