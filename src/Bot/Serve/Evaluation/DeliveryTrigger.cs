namespace Bot.Serve.Evaluation;

/// <summary>The delivery an evaluation is recorded for. <see cref="Retried"/>: the delivery was claimed before (a retry,
/// or handed back after a crash), so its evaluation may already be evidence and must be looked up before recording again.</summary>
public sealed record DeliveryTrigger(string DeliveryId, bool Retried)
{
    /// <summary>When the delivery was accepted: the start of its accept → check run latency.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>The pull request as the delivery's handler already read and decided it (an override command is judged on a
    /// decision); the evaluation posts and records that decision instead of making it again.</summary>
    public DecidedPullRequest? Decided { get; init; }
}
