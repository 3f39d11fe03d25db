namespace Bot.Serve.Processing;

/// <summary>Wakes the dispatcher as soon as a delivery is stored, so processing does not wait for the next poll.</summary>
public sealed class InboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        // Under load the signal is nearly always already set; checking first spares the exception Release would throw.
        if (_signal.CurrentCount > 0) return;
        try { _signal.Release(); }
        catch (SemaphoreFullException) { /* set by another request in between: one wake-up covers every new delivery */ }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
