using System.Globalization;

namespace Bot.Evidence.Storage;

/// <summary>Times are stored as ISO-8601 UTC text with 7 fractional digits, so text order is time order.</summary>
internal static class EvidenceTime
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string ToText(DateTimeOffset time) => time.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>The last instant of the whole second <paramref name="time"/> falls in. GitHub reports times such as
    /// <c>merged_at</c> and <c>created_at</c> in whole seconds, so "at or before a GitHub time" includes everything the bot
    /// recorded during that second: a decision recorded at 10.4 s counts as before a merge GitHub reports at 10 s (it
    /// happened at 10.9 s, say) instead of reading as after it.</summary>
    public static DateTimeOffset EndOfSecond(DateTimeOffset time) =>
        new DateTimeOffset(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero).AddTicks(TimeSpan.TicksPerSecond - 1);

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
