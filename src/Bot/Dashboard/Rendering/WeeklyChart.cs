using System.Globalization;
using Bot.Evidence.Export;

namespace Bot.Dashboard.Rendering;

/// <summary>One week's stacked bar: AI-assisted changes at the bottom, the others above, and a marker with the number of
/// changes with gaps when there are any. Coordinates in the chart's viewBox.</summary>
public sealed record ChartBar(WeekCount Week, double X, double Width, double AiY, double AiHeight, double OtherY, double OtherHeight, double MarkerY)
{
    public string Title => string.Create(CultureInfo.InvariantCulture,
        $"Week of {Week.From:d MMM yyyy}: {Week.Changes:N0} merged, {Week.AiAssisted:N0} AI-assisted, {Week.Changes - Week.AiAssisted:N0} not, {Week.WithGaps:N0} with gaps");
}

/// <summary>The Overview's weekly chart, laid out on the server (drawn as SVG by the page; no script, no library).</summary>
public sealed class WeeklyChart
{
    public const double Width = 760;
    public const double Height = 280;
    public const double Left = 56;
    public const double Right = 16;
    public const double Top = 28;
    public const double Bottom = 40;

    public WeeklyChart(IReadOnlyList<WeekCount> weeks)
    {
        var peak = weeks.Count == 0 ? 0 : weeks.Max(w => w.Changes);
        var step = NiceStep(peak);
        Scale = Math.Max(step * 4, 1);
        var plotWidth = Width - Left - Right;
        var slot = weeks.Count == 0 ? plotWidth : plotWidth / weeks.Count;
        var barWidth = Math.Max(2, slot * 0.7);
        Bars = [.. weeks.Select((week, i) =>
        {
            var x = Left + (i * slot) + ((slot - barWidth) / 2);
            var aiHeight = PlotHeight * week.AiAssisted / Scale;
            var otherHeight = PlotHeight * (week.Changes - week.AiAssisted) / Scale;
            var baseline = Top + PlotHeight;
            return new ChartBar(week, x, barWidth, baseline - aiHeight, aiHeight, baseline - aiHeight - otherHeight, otherHeight,
                baseline - aiHeight - otherHeight - 10);
        })];
        Ticks = [.. Enumerable.Range(0, 5).Select(i => (Top + PlotHeight - (PlotHeight * i * step / Scale), (i * step).ToString("N0", CultureInfo.InvariantCulture)))];
        // Label about eight weeks along the axis, whatever the period's length.
        var every = Math.Max(1, (int)Math.Ceiling(weeks.Count / 8.0));
        XLabels = [.. Bars.Where((_, i) => i % every == 0).Select(b => (b.X + (b.Width / 2), b.Week.From.ToString("d MMM", CultureInfo.InvariantCulture)))];
    }

    public static double PlotHeight => Height - Top - Bottom;

    public static double Baseline => Top + PlotHeight;

    /// <summary>The value at the top of the axis.</summary>
    public double Scale { get; }

    public IReadOnlyList<ChartBar> Bars { get; }

    public IReadOnlyList<(double Y, string Label)> Ticks { get; }

    public IReadOnlyList<(double X, string Label)> XLabels { get; }

    /// <summary>A number for an SVG attribute (invariant, one decimal).</summary>
    public static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>A diamond centred on (x, y): the gap marker.</summary>
    public static string Diamond(double x, double y) => $"M{N(x)} {N(y - 6)} L{N(x + 6)} {N(y)} L{N(x)} {N(y + 6)} L{N(x - 6)} {N(y)} Z";

    /// <summary>A step of 1, 2 or 5 times a power of ten such that four steps reach <paramref name="peak"/>.</summary>
    private static long NiceStep(long peak)
    {
        if (peak <= 4)
        {
            return 1;
        }
        var raw = peak / 4.0;
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var factor = raw / power <= 1 ? 1 : raw / power <= 2 ? 2 : raw / power <= 5 ? 5 : 10;
        return (long)(factor * power);
    }
}
