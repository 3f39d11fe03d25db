using System.Text;
using Bot.Evidence.Chain;

namespace Bot.Evidence.Tests;

public sealed class CanonicalJsonTests
{
    private static readonly ChainedTable Table = new("sample",
    [
        new("zeta", ChainValueKind.Text),
        new("alpha", ChainValueKind.Number, Nullable: true),
        new("flag", ChainValueKind.Boolean),
        new("note", ChainValueKind.Text, Nullable: true),
    ]);

    private static string Encode(long seq, params object?[] values)
    {
        var writer = new CanonicalJsonWriter();
        var reader = new ObjectArrayValueReader(values, new byte[4]);
        ChainRecordEncoder.Encode(writer, Table, seq, ReadOnlySpan<byte>.Empty, ref reader);
        return Encoding.UTF8.GetString(writer.WrittenSpan);
    }

    [Test]
    public void Keys_are_sorted_seq_included_without_whitespace()
    {
        Assert.That(Encode(3, "z", -12L, true, null), Is.EqualTo("""{"alpha":-12,"flag":true,"note":null,"seq":3,"zeta":"z"}"""));
    }

    [Test]
    public void Strings_escape_only_quote_backslash_and_control_characters()
    {
        var json = Encode(1, "q\" b\\ n\n t\t c\u0001 é €😀 /", null, false, "");

        Assert.That(json, Is.EqualTo("{\"alpha\":null,\"flag\":false,\"note\":\"\",\"seq\":1,\"zeta\":\"q\\\" b\\\\ n\\n t\\t c\\u0001 é €😀 /\"}"));
    }

    [Test]
    public void The_hash_input_is_the_previous_hash_bytes_then_the_json()
    {
        var previous = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var writer = new CanonicalJsonWriter();
        var reader = new ObjectArrayValueReader(["v", 1L, true, "n"], new byte[4]);
        ChainRecordEncoder.Encode(writer, Table, 1, previous, ref reader);
        var hash = new byte[32];
        new ChainHasher(null).Compute(writer.WrittenSpan, hash);

        var expected = System.Security.Cryptography.SHA256.HashData(
            [.. previous, .. Encoding.UTF8.GetBytes("""{"alpha":1,"flag":true,"note":"n","seq":1,"zeta":"v"}""")]);
        Assert.That(hash, Is.EqualTo(expected));
    }

    [Test]
    public void A_column_that_would_clash_with_the_chain_columns_is_refused()
    {
        Assert.Throws<ArgumentException>(() => _ = new ChainedTable("bad", [new("hash", ChainValueKind.Text)]));
        Assert.Throws<ArgumentException>(() => _ = new ChainedTable("bad", [new("Name With Space", ChainValueKind.Text)]));
    }
}
