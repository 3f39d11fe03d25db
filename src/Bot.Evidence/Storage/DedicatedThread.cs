namespace Bot.Evidence.Storage;

/// <summary>
/// Runs a blocking loop on a background thread of its own and reports its end as a task. SQLite calls block (on locks, on
/// page copies, on fsync); the thread pool has about one thread per core and adds more only slowly, so a loop that blocks
/// for its whole life must not hold a pool thread, or the requests that need one wait while the CPU is idle.
/// </summary>
internal static class DedicatedThread
{
    public static Task Start(string name, Action loop)
    {
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                loop();
                ended.SetResult();
            }
            catch (Exception error)
            {
                ended.SetException(error);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return ended.Task;
    }
}
