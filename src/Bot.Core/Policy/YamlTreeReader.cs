using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Bot.Core.Policy;

/// <summary>
/// Builds a <see cref="YamlNode"/> tree from YamlDotNet's event stream. Aliases are refused where they stand, so
/// anchor expansion ("billion laughs") can never happen, and nesting is capped far above what the schema uses.
/// </summary>
internal static class YamlTreeReader
{
    internal const int MaxDepth = 16;

    /// <summary>The document's root node; null when the file holds no document (empty, or only comments).</summary>
    public static YamlNode? Read(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var open = new Stack<Frame>();
        try
        {
            return ReadEvents(parser, open);
        }
        catch (YamlException e)
        {
            throw new PolicyException($"YAML syntax error: {e.Message}", (int)e.Start.Line, (int)e.Start.Column);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this instead of a YamlException for some malformed input
            // (for example an unclosed "[" followed by more keys); the innermost open collection is the likely culprit.
            var at = open.Count > 0 ? open.Peek().Node.At : new YamlPosition(1, 1);
            throw new PolicyException("YAML syntax error: the file cannot be read past this list or mapping (is a '[' or '{' never closed?)",
                at.Line, at.Column);
        }
    }

    private static YamlNode? ReadEvents(Parser parser, Stack<Frame> open)
    {
        YamlNode? root = null;
        var documents = 0;
        while (parser.MoveNext())
        {
            var e = parser.Current!;
            var at = new YamlPosition((int)e.Start.Line, (int)e.Start.Column);
            switch (e)
            {
                case DocumentStart when ++documents > 1:
                    throw new PolicyException("the policy file must hold one YAML document; remove the second '---'", at.Line, at.Column);
                case AnchorAlias alias:
                    throw new PolicyException($"YAML aliases (*{alias.Value}) are not allowed in a policy file; write the value out", at.Line, at.Column);
                case NodeEvent { Tag.IsEmpty: false } tagged:
                    throw new PolicyException($"YAML tags ({tagged.Tag}) are not allowed in a policy file", at.Line, at.Column);
                case Scalar scalar:
                    Attach(new YamlScalar(scalar.Value, scalar.Style == ScalarStyle.Plain, at), open, ref root);
                    break;
                case SequenceStart:
                    Open(new YamlSequence([], at), open, ref root);
                    break;
                case MappingStart:
                    Open(new YamlMapping([], at), open, ref root);
                    break;
                case SequenceEnd or MappingEnd:
                    open.Pop();
                    break;
            }
        }
        return root;
    }

    private static void Open(YamlNode node, Stack<Frame> open, ref YamlNode? root)
    {
        if (open.Count >= MaxDepth)
            throw new PolicyException($"the policy file nests deeper than {MaxDepth} levels", node.At.Line, node.At.Column);
        Attach(node, open, ref root);
        open.Push(new Frame(node));
    }

    private static void Attach(YamlNode node, Stack<Frame> open, ref YamlNode? root)
    {
        if (open.Count == 0)
        {
            root = node;
            return;
        }
        var parent = open.Peek();
        switch (parent.Node)
        {
            case YamlSequence sequence:
                sequence.Items.Add(node);
                break;
            case YamlMapping when parent.PendingKey is null:
                if (node is not YamlScalar key)
                    throw new PolicyException("a key must be a plain name, not a list or mapping", node.At.Line, node.At.Column);
                if (parent.SeenKeys.TryGetValue(key.Value, out var first))
                {
                    throw new PolicyException($"duplicate key '{key.Value}' (first given at line {first.Line})",
                        key.At.Line, key.At.Column);
                }
                parent.SeenKeys.Add(key.Value, key.At);
                parent.PendingKey = key;
                break;
            case YamlMapping mapping:
                mapping.Entries.Add(new(parent.PendingKey, node));
                parent.PendingKey = null;
                break;
        }
    }

    private sealed class Frame(YamlNode node)
    {
        public YamlNode Node { get; } = node;
        public YamlScalar? PendingKey { get; set; }
        public Dictionary<string, YamlPosition> SeenKeys { get; } = new(StringComparer.Ordinal);
    }
}
