using System.Buffers;
using System.Text;
using Bot.GitHub.Webhooks;
using NUnit.Framework;

namespace Bot.GitHub.Tests.Webhooks;

/// <summary>The signature over a body held in pooled pieces is the signature over the same bytes in one array.</summary>
public class WebhookSignatureSequenceTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("It's a Secret to Everybody");

    /// <summary><paramref name="body"/> cut into pieces of the given sizes, the rest in one last piece.</summary>
    private static ReadOnlySequence<byte> InPieces(byte[] body, params int[] sizes)
    {
        var pieces = new List<ReadOnlyMemory<byte>>();
        var offset = 0;
        foreach (var size in sizes.Append(body.Length))
        {
            var take = Math.Min(size, body.Length - offset);
            if (take <= 0) break;
            pieces.Add(body.AsMemory(offset, take));
            offset += take;
        }
        return BodySequence.Of(pieces);
    }

    [Test]
    public void The_docs_vector_verifies_in_pieces()
    {
        var body = InPieces(Encoding.UTF8.GetBytes("Hello, World!"), 1, 5);

        Assert.That(body.IsSingleSegment, Is.False);
        Assert.That(WebhookSignature.Verify(body, "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", Secret), Is.True);
    }

    [TestCaseSource(typeof(WebhookFixtures), nameof(WebhookFixtures.All))]
    public void A_fixture_in_pieces_verifies_and_one_changed_byte_in_a_later_piece_does_not(string eventName, string file)
    {
        var bytes = WebhookFixtures.Bytes(eventName, file);
        var signature = WebhookSignature.Sign(bytes, Secret);
        Assert.That(WebhookSignature.Verify(InPieces(bytes, 16384, 16384), signature, Secret), Is.True);

        bytes[^1] ^= 1;
        Assert.That(WebhookSignature.Verify(InPieces(bytes, 16384, 16384), signature, Secret), Is.False);
    }

    [TestCase(null, false)]
    [TestCase("", false)]
    [TestCase("sha1=757107ea0eb2509fc211221cce984b8a37570b6d", false)]
    [TestCase("SHA256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", false)]
    [TestCase("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1", false)]
    [TestCase("sha256=zz7107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", false)]
    [TestCase("sha256=757107EA0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", true)]
    [TestCase("sha256=0000000000000000000000000000000000000000000000000000000000000000", true)]
    public void Only_a_header_of_the_right_form_lets_a_body_be_read(string? header, bool wellFormed) =>
        Assert.That(WebhookSignature.IsWellFormed(header), Is.EqualTo(wellFormed));
}
