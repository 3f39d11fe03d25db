namespace Bot.LoadTest;

public sealed record Distribution(double P50, double P95, double P99, double Max, int Count)
{
    public static Distribution Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return new Distribution(0, 0, 0, 0, 0);
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new Distribution(At(0.50), At(0.95), At(0.99), sorted[^1], sorted.Length);
    }

    public override string ToString() => $"p50 {P50:F1} ms, p95 {P95:F1} ms, p99 {P99:F1} ms, max {Max:F1} ms (n={Count})";
}
