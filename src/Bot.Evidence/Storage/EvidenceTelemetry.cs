using System.Diagnostics;

namespace Bot.Evidence.Storage;

/// <summary>The <c>Bot.Evidence</c> activity source: the evidence write of a delivery's trace. Without a listener (no
/// tracing configured) starting an activity returns null and costs next to nothing.</summary>
public static class EvidenceTelemetry
{
    public const string SourceName = "Bot.Evidence";

    internal static readonly ActivitySource Source = new(SourceName);
}
