namespace Bot.Evidence.Tests.Contract;

/// <summary>
/// One provider under the contract suite (issue 17: one suite, a fixture per provider). It creates an empty store for each
/// test and tampers with a store as someone with direct access to its database would. A provider whose database server is
/// absent on this machine reports its tests as ignored, with the reason, from <see cref="Start"/>.
/// </summary>
public interface IStoreFixture : IDisposable
{
    /// <summary>Once, before the first test of a contract class runs on this provider.</summary>
    void Start();

    /// <summary>A new, empty store of its own (nothing created yet: opening it creates and migrates it).</summary>
    IContractStore NewStore();
}

/// <summary>One store of the contract suite: the provider-neutral entry point to it, and what an attacker with database
/// access does to it (each lifts the store's append-only guard first, as such an attacker can).</summary>
public interface IContractStore : IDisposable
{
    /// <summary>The store through the entry point the service and the commands use, with the given key and clock.</summary>
    IEvidenceProvider Provider(byte[]? hmacKey = null, TimeProvider? clock = null);

    /// <summary>Sets one column of the record <paramref name="seq"/> of <paramref name="chain"/> to a text value.</summary>
    void EditRecord(string chain, long seq, string column, string value);

    /// <summary>The same edit without lifting the append-only guard: the store's database must refuse it (throw).</summary>
    void EditRecordUnguarded(string chain, long seq, string column, string value);

    /// <summary>Removes the records of <paramref name="chain"/> whose seq is at least <paramref name="fromSeq"/> and at most
    /// <paramref name="toSeq"/>.</summary>
    void DeleteRecords(string chain, long fromSeq, long toSeq);

    /// <summary>Swaps the places (seq) of two records of <paramref name="chain"/>.</summary>
    void SwapRecords(string chain, long seqA, long seqB);
}
