using System.Collections.Concurrent;
using Bot.Serve.Evaluation;
using Microsoft.Extensions.Options;

namespace Bot.Serve.Processing;

/// <summary>Runs evaluations so that one pull request is evaluated by one task at a time, a burst of deliveries for it
/// collapses into one evaluation of its latest state, and different pull requests run in parallel (up to
/// <see cref="WorkerOptions.Concurrency"/>). Every caller's task completes with the evaluation that covered its request.</summary>
public sealed class PullRequestScheduler(PullRequestEvaluator evaluator, IOptions<WorkerOptions> options)
{
    private readonly ConcurrentDictionary<PullRequestKey, Slot> _slots = new();
    private readonly SemaphoreSlim _concurrency = new(Math.Max(1, options.Value.Concurrency));

    public Task<EvaluationOutcome> ScheduleAsync(PullRequestKey key, DeliveryTrigger? trigger, CancellationToken cancellationToken)
    {
        var request = new Request(trigger, new TaskCompletionSource<EvaluationOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        while (true)
        {
            var slot = _slots.GetOrAdd(key, _ => new Slot());
            bool start;
            lock (slot)
            {
                if (slot.Closed) continue; // the slot was retired between GetOrAdd and the lock: take a fresh one
                slot.Waiting.Add(request);
                start = !slot.Running;
                slot.Running = true;
            }
            if (start) _ = RunAsync(key, slot, cancellationToken);
            return request.Completion.Task;
        }
    }

    private async Task RunAsync(PullRequestKey key, Slot slot, CancellationToken cancellationToken)
    {
        while (true)
        {
            List<Request> batch;
            lock (slot)
            {
                if (slot.Waiting.Count == 0)
                {
                    slot.Running = false;
                    slot.Closed = true;
                    _slots.TryRemove(new KeyValuePair<PullRequestKey, Slot>(key, slot));
                    return;
                }
                batch = [.. slot.Waiting];
                slot.Waiting.Clear();
            }

            try
            {
                await _concurrency.WaitAsync(cancellationToken);
                try
                {
                    // The newest delivery is the one recorded as the trigger; the evaluation reads current state anyway.
                    var outcome = await evaluator.EvaluateAsync(key, batch[^1].Trigger, cancellationToken);
                    foreach (var request in batch) request.Completion.TrySetResult(outcome);
                }
                finally
                {
                    _concurrency.Release();
                }
            }
            catch (Exception e)
            {
                foreach (var request in batch) request.Completion.TrySetException(e);
            }
        }
    }

    private sealed record Request(DeliveryTrigger? Trigger, TaskCompletionSource<EvaluationOutcome> Completion);

    private sealed class Slot
    {
        public List<Request> Waiting { get; } = [];
        public bool Running { get; set; }
        public bool Closed { get; set; }
    }
}
