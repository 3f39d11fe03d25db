namespace Bot.Core.Policy;

/// <summary>A 1-based position in the policy file.</summary>
internal readonly record struct YamlPosition(int Line, int Column);

/// <summary>A node of the policy file's YAML, kept with its position so every error can point at it.</summary>
internal abstract record YamlNode(YamlPosition At);

/// <summary>A scalar as written. <see cref="Plain"/> is false for quoted and block scalars, which are always strings.</summary>
internal sealed record YamlScalar(string Value, bool Plain, YamlPosition At) : YamlNode(At)
{
    /// <summary>YAML 1.2 core schema null: an empty plain scalar, <c>~</c> or <c>null</c>.</summary>
    public bool IsNull => Plain && Value is "" or "~" or "null" or "Null" or "NULL";
}

internal sealed record YamlSequence(List<YamlNode> Items, YamlPosition At) : YamlNode(At);

internal sealed record YamlMapping(List<KeyValuePair<YamlScalar, YamlNode>> Entries, YamlPosition At) : YamlNode(At);
