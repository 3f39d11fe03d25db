using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Bot.Evidence.Chain;

namespace Bot.Evidence.Export;

/// <summary>
/// Formats and writes the rows of the batches handed to it, in order, on a thread of its own, so that the thread stepping
/// SQLite (and verifying the chains between batches) never waits for formatting. A few batches circulate between the two
/// threads, so memory stays flat whatever the population.
/// </summary>
internal sealed class BackgroundRowWriter : IDisposable
{
    // Batches in circulation: one being filled, one being written, and some slack for either thread to run ahead.
    private const int Batches = 4;

    private readonly BlockingCollection<RecordBatch> _full = new(Batches);
    private readonly BlockingCollection<RecordBatch> _free = new(Batches);
    private readonly Action<RecordBatch, int> _writeRow;
    private readonly int _slots;
    private readonly Thread _thread;
    private int _allocated;
    private volatile ExceptionDispatchInfo? _error;

    /// <param name="slots">Values per row.</param>
    /// <param name="writeRow">Writes row n of a batch; runs on the writing thread only.</param>
    public BackgroundRowWriter(int slots, Action<RecordBatch, int> writeRow)
    {
        _slots = slots;
        _writeRow = writeRow;
        _thread = new Thread(Run) { IsBackground = true, Name = "export-write" };
        _thread.Start();
    }

    /// <summary>Whether writing failed; the rest is not worth reading (<see cref="Complete"/> rethrows the error).</summary>
    public bool Failed => _error is not null;

    /// <summary>A batch to fill: a new one while fewer than a few exist, else the next one written.</summary>
    public RecordBatch Rent()
    {
        if (_allocated < Batches)
        {
            _allocated++;
            return new RecordBatch(_slots);
        }
        return _free.Take();
    }

    public void Submit(RecordBatch batch) => _full.Add(batch);

    /// <summary>Waits until every submitted row is written; rethrows what stopped the writing.</summary>
    public void Complete()
    {
        _full.CompleteAdding();
        _thread.Join();
        _error?.Throw();
    }

    private void Run()
    {
        foreach (var batch in _full.GetConsumingEnumerable())
        {
            // After a failure the batches still go back, so the filling thread never waits for ever.
            if (_error is null)
            {
                try
                {
                    for (var record = 0; record < batch.Count; record++)
                    {
                        _writeRow(batch, record);
                    }
                }
                catch (Exception error)
                {
                    _error = ExceptionDispatchInfo.Capture(error);
                }
            }
            _free.Add(batch);
        }
    }

    public void Dispose()
    {
        if (!_full.IsAddingCompleted)
        {
            _full.CompleteAdding();
        }
        _thread.Join();
        _full.Dispose();
        _free.Dispose();
    }
}
