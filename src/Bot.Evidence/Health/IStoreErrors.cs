namespace Bot.Evidence.Health;

/// <summary>
/// Which exceptions come from the store itself, so that nothing outside Bot.Evidence needs to know its database's
/// exception types or error codes.
/// </summary>
public interface IStoreErrors
{
    /// <summary>The store's database refused or failed an operation (any of its errors), as opposed to bad input or a
    /// failure of the caller's own work.</summary>
    bool IsStoreError(Exception error);

    /// <summary>The store cannot do its work for now (disk full, locked by another process, an I/O error, cannot be
    /// opened): work that met it waits for the store without using up its attempts. An aggregate counts when all of its
    /// inner exceptions do.</summary>
    bool IsUnavailable(Exception error);
}
