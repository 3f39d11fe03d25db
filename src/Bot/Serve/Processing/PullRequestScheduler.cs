using System.Collections.Concurrent;
using System.Diagnostics;
using Bot.Evidence.Leases;
using Bot.Serve.Evaluation;
using Bot.Serve.Telemetry;
using Microsoft.Extensions.Options;

namespace Bot.Serve.Processing;

/// <summary>Runs evaluations so that one pull request is evaluated by one task at a time, a burst of deliveries for it
/// collapses into one evaluation of its latest state, and different pull requests run in parallel (up to
/// <see cref="WorkerOptions.Concurrency"/>). Every caller's task completes with the evaluation that covered its request.</summary>
public sealed class PullRequestScheduler(PullRequestEvaluator evaluator, IEvaluationLocks locks, IOptions<WorkerOptions> options, ServeMetrics metrics)
{
    private readonly ConcurrentDictionary<PullRequestKey, Slot> _slots = new();
    private readonly SemaphoreSlim _concurrency = new(Math.Max(1, options.Value.Concurrency));

    public Task<EvaluationOutcome> ScheduleAsync(PullRequestKey key, DeliveryTrigger? trigger, CancellationToken cancellationToken)
    {
        // The caller's span (its delivery's trace) goes with the request, so the evaluation that covers it joins that trace.
        var request = new Request(trigger, Activity.Current?.Context ?? default,
            new TaskCompletionSource<EvaluationOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
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
                    using var activity = ServeTelemetry.StartEvaluation(key, [.. batch.Select(r => (r.Trigger, r.Trace))]);
                    var outcome = await EvaluateAsync(key, batch[^1].Trigger, cancellationToken);
                    foreach (var request in batch) request.Completion.TrySetResult(outcome);
                    RecordCheckRunLatency(batch, outcome);
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

    private async Task<EvaluationOutcome> EvaluateAsync(PullRequestKey key, DeliveryTrigger? trigger, CancellationToken cancellationToken)
    {
        try
        {
            // Across replicas: another one evaluating this pull request finishes first, and this evaluation then finds its
            // check run in the shared cache (and reads the pull request as it is now).
            await using var held = await locks.AcquireAsync(key.Repository, key.Number, cancellationToken);
            var outcome = await evaluator.EvaluateAsync(key, trigger, cancellationToken);
            metrics.Evaluated(outcome.Conclusion);
            return outcome;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            metrics.EvaluationFailed();
            throw;
        }
    }

    /// <summary>Every delivery the evaluation covered waited from its acceptance until now; an evaluation that posted
    /// nothing (a closed pull request) ends no such wait.</summary>
    private void RecordCheckRunLatency(List<Request> batch, EvaluationOutcome outcome)
    {
        if (outcome.Conclusion is null) return;
        foreach (var request in batch)
        {
            if (request.Trigger?.ReceivedAt is { } receivedAt) metrics.CheckRunPosted(receivedAt);
        }
    }

    private sealed record Request(DeliveryTrigger? Trigger, ActivityContext Trace, TaskCompletionSource<EvaluationOutcome> Completion);

    private sealed class Slot
    {
        public List<Request> Waiting { get; } = [];
        public bool Running { get; set; }
        public bool Closed { get; set; }
    }
}
