namespace Bot.Core.Policy;

/// <summary>Loads a policy YAML document (policy.md §6). CONTRACT STUB: replaced by the real loader.</summary>
public static class PolicyLoader
{
    /// <summary>Throws <see cref="PolicyException"/> carrying line and column on any error.</summary>
    public static PolicyDocument Load(string yaml) => throw new NotImplementedException();
}

/// <summary>A policy file that cannot be used. <see cref="Line"/>/<see cref="Column"/> are 1-based; 0 when unknown.</summary>
public sealed class PolicyException(string reason, int line, int column)
    : Exception(line > 0 ? $"line {line}, column {column}: {reason}" : reason)
{
    public string Reason { get; } = reason;
    public int Line { get; } = line;
    public int Column { get; } = column;
}
