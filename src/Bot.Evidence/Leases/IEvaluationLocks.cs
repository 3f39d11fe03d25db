namespace Bot.Evidence.Leases;

/// <summary>
/// One evaluation of a pull request at a time across the processes sharing the store: the lock is held for the whole
/// evaluation (read, decide, post the check run, record), so a second replica evaluating the same pull request waits and
/// then finds the first one's check run in the shared cache instead of creating another. A process that dies holding it
/// gives it up with its connection. Within a process the scheduler already runs one evaluation per pull request.
/// </summary>
public interface IEvaluationLocks
{
    /// <summary>Waits for the lock of the pull request; disposing the result releases it.</summary>
    Task<IAsyncDisposable> AcquireAsync(string repository, long pullRequestNumber, CancellationToken cancellationToken = default);
}

/// <summary>A store only one process writes (SQLite): the in-process scheduler is the lock, nothing to take here.</summary>
internal sealed class InProcessEvaluationLocks : IEvaluationLocks, IAsyncDisposable
{
    public static readonly InProcessEvaluationLocks Instance = new();

    public Task<IAsyncDisposable> AcquireAsync(string repository, long pullRequestNumber, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable>(this);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
