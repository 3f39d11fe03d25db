using System.Globalization;
using System.Text.RegularExpressions;

namespace Bot.Tests.Support;

/// <summary>Reads the Prometheus text exposition format a scrape returns: one sample per line,
/// <c>name{label="value",...} number</c>; comments (<c># HELP</c>, <c># TYPE</c>) are skipped.</summary>
public sealed partial class PrometheusText
{
    private PrometheusText(IReadOnlyList<Sample> samples) => Samples = samples;

    public IReadOnlyList<Sample> Samples { get; }

    public static PrometheusText Parse(string text)
    {
        var samples = new List<Sample>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var match = SampleLine().Match(line);
            if (!match.Success) throw new FormatException($"not a Prometheus sample line: {line}");
            var labels = LabelPair().Matches(match.Groups["labels"].Value)
                .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);
            samples.Add(new Sample(match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)));
        }
        return new PrometheusText(samples);
    }

    /// <summary>The samples of one metric whose labels include every given pair.</summary>
    public IEnumerable<Sample> Find(string name, params (string Label, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value));

    /// <summary>The sum over the matching samples (0 when there is none).</summary>
    public double Sum(string name, params (string Label, string Value)[] labels) => Find(name, labels).Sum(s => s.Value);

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)( \d+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""(?<name>[a-zA-Z_][a-zA-Z0-9_]*)="(?<value>(?:[^"\\]|\\.)*)",?""")]
    private static partial Regex LabelPair();
}
