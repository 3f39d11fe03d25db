namespace Bot.Evidence.Commands;

/// <summary><c>bot backup</c>: a consistent copy of a store that may be in use, its chains verified before it is kept. How
/// the copy is made belongs to the provider (SQLite: <c>VACUUM INTO</c> a file).</summary>
public interface IStoreBackup
{
    public const int Ok = 0;
    public const int CopyDoesNotVerify = 1;
    public const int BadInput = 2;

    /// <summary>Writes the copy to <paramref name="outPath"/> (never overwritten) and returns <see cref="Ok"/>; a copy whose
    /// chain does not verify is kept and returns <see cref="CopyDoesNotVerify"/>, as does a copy that fails;
    /// <see cref="BadInput"/> for a target that exists or a folder that does not.</summary>
    int Backup(string outPath, TextWriter output, TextWriter error);
}
