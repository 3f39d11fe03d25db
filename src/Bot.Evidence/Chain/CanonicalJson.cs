using System.Buffers;
using System.Text;

namespace Bot.Evidence.Chain;

/// <summary>
/// Writes the canonical JSON of a chained record. The definition lives here, once (docs/evidence.md repeats it for auditors):
/// <list type="bullet">
/// <item>one JSON object; its members are <c>seq</c> and the record's columns (not <c>prev_hash</c> or <c>hash</c>), keyed by column name;</item>
/// <item>members sorted by key, comparing the keys' UTF-8 bytes (ordinal); keys are <c>[a-z0-9_]+</c>, so never escaped;</item>
/// <item>no insignificant whitespace anywhere; the whole text is UTF-8 without a byte-order mark;</item>
/// <item>strings: the value's UTF-8 bytes as stored; only <c>"</c> (as <c>\"</c>), <c>\</c> (as <c>\\</c>) and the control
/// characters U+0000..U+001F are escaped, these as <c>\b \t \n \f \r</c> when they have a short form, else <c>\u00xx</c>
/// with lowercase hex; everything else, non-ASCII included, is written raw;</item>
/// <item>integers: decimal, <c>-</c> for negatives, no leading zeros, no fraction or exponent;</item>
/// <item>booleans (stored as 0/1): <c>true</c>/<c>false</c>; SQL NULL: <c>null</c>;</item>
/// <item>JSON-valued columns (<c>rules_json</c> …) are ordinary strings holding the exact text stored, not re-parsed,
/// so the hash covers the bytes an auditor reads from the table.</item>
/// </list>
/// </summary>
public sealed class CanonicalJsonWriter
{
    private static readonly byte[] Hex = "0123456789abcdef"u8.ToArray();
    private static readonly SearchValues<byte> NeedsEscape =
        SearchValues.Create([.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\']);

    // A plain array and position rather than an IBufferWriter: verify writes a million records, and per-call
    // overhead on every escaped quote of the JSON columns dominated the cost.
    private byte[] _buffer = new byte[4096];
    private int _length;
    private bool _first;

    /// <summary>The bytes written since <see cref="Reset"/>.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>Clears the buffer, then writes <paramref name="prefix"/> raw (the chain puts the previous hash there).</summary>
    public void Reset(ReadOnlySpan<byte> prefix = default)
    {
        _length = 0;
        WriteRaw(prefix);
    }

    public void WriteStartObject()
    {
        WriteRaw("{"u8);
        _first = true;
    }

    public void WriteEndObject() => WriteRaw("}"u8);

    public void WriteNull(ReadOnlySpan<byte> key)
    {
        WriteKey(key);
        WriteRaw("null"u8);
    }

    public void WriteBoolean(ReadOnlySpan<byte> key, bool value)
    {
        WriteKey(key);
        WriteRaw(value ? "true"u8 : "false"u8);
    }

    public void WriteInteger(ReadOnlySpan<byte> key, long value)
    {
        WriteKey(key);
        Reserve(20);
        value.TryFormat(_buffer.AsSpan(_length), out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        _length += written;
    }

    public void WriteString(ReadOnlySpan<byte> key, ReadOnlySpan<byte> utf8Value)
    {
        WriteKey(key);
        // Worst case every byte becomes \u00xx.
        Reserve((6 * utf8Value.Length) + 2);
        var buffer = _buffer;
        var length = _length;
        buffer[length++] = (byte)'"';
        while (true)
        {
            var next = utf8Value.IndexOfAny(NeedsEscape);
            var plain = next < 0 ? utf8Value : utf8Value[..next];
            plain.CopyTo(buffer.AsSpan(length));
            length += plain.Length;
            if (next < 0)
            {
                break;
            }
            length += WriteEscaped(utf8Value[next], buffer.AsSpan(length));
            utf8Value = utf8Value[(next + 1)..];
        }
        buffer[length++] = (byte)'"';
        _length = length;
    }

    private static int WriteEscaped(byte b, Span<byte> destination)
    {
        destination[0] = (byte)'\\';
        var shortForm = b switch
        {
            (byte)'"' => (byte)'"',
            (byte)'\\' => (byte)'\\',
            (byte)'\b' => (byte)'b',
            (byte)'\t' => (byte)'t',
            (byte)'\n' => (byte)'n',
            (byte)'\f' => (byte)'f',
            (byte)'\r' => (byte)'r',
            _ => (byte)0,
        };
        if (shortForm != 0)
        {
            destination[1] = shortForm;
            return 2;
        }
        "u00"u8.CopyTo(destination[1..]);
        destination[4] = Hex[b >> 4];
        destination[5] = Hex[b & 0xf];
        return 6;
    }

    private void WriteKey(ReadOnlySpan<byte> key)
    {
        Reserve(key.Length + 4);
        if (!_first)
        {
            _buffer[_length++] = (byte)',';
        }
        _first = false;
        _buffer[_length++] = (byte)'"';
        key.CopyTo(_buffer.AsSpan(_length));
        _length += key.Length;
        _buffer[_length++] = (byte)'"';
        _buffer[_length++] = (byte)':';
    }

    private void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Reserve(int more)
    {
        if (_length + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_length + more, 2 * _buffer.Length));
        }
    }

    /// <summary>Strict UTF-8: a string with a lone surrogate cannot be stored faithfully, so it is refused.</summary>
    internal static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
