using System.Security.Cryptography;
using System.Text;
using Bot.GitHub.Webhooks;
using NUnit.Framework;

namespace Bot.GitHub.Tests.Webhooks;

public class WebhookSignatureTests
{
    private static readonly byte[] DocsSecret = Encoding.UTF8.GetBytes("It's a Secret to Everybody");
    private static readonly byte[] DocsBody = Encoding.UTF8.GetBytes("Hello, World!");
    private const string DocsSignature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    [Test]
    public void Sign_GitHubDocsVector_MatchesPublishedValue() =>
        Assert.That(WebhookSignature.Sign(DocsBody, DocsSecret), Is.EqualTo(DocsSignature));

    [Test]
    public void Verify_GitHubDocsVector_IsAccepted() =>
        Assert.That(WebhookSignature.Verify(DocsBody, DocsSignature, DocsSecret), Is.True);

    [Test]
    public void Sign_NonAsciiBodyAndSecret_HashesUtf8Bytes()
    {
        // Expected value computed independently with Python's hmac module over the UTF-8 bytes.
        var body = Encoding.UTF8.GetBytes("h\u00e9llo \u2713 \U0001F600");
        var secret = Encoding.UTF8.GetBytes("s3cr\u00e9t");
        Assert.That(
            WebhookSignature.Sign(body, secret),
            Is.EqualTo("sha256=7cea805cb4697d855e9e6036548bcd071ce88bfd1561516f3f2f46b53ff13a54"));
    }

    [TestCaseSource(typeof(WebhookFixtures), nameof(WebhookFixtures.All))]
    public void Verify_SignedFixture_IsAccepted(string eventName, string file)
    {
        var body = WebhookFixtures.Bytes(eventName, file);
        Assert.That(WebhookSignature.Verify(body, WebhookSignature.Sign(body, DocsSecret), DocsSecret), Is.True);
    }

    [Test]
    public void Verify_BodyTamperedAfterSigning_IsRejected()
    {
        var body = WebhookFixtures.Bytes("pull_request", "opened.payload.json");
        var signature = WebhookSignature.Sign(body, DocsSecret);
        body[body.Length / 2] ^= 0x01;
        Assert.That(WebhookSignature.Verify(body, signature, DocsSecret), Is.False);
    }

    [Test]
    public void Verify_SignatureOfAnotherBody_IsRejected()
    {
        var other = WebhookFixtures.Bytes("pull_request", "closed.payload.json");
        var body = WebhookFixtures.Bytes("pull_request", "opened.payload.json");
        Assert.That(WebhookSignature.Verify(body, WebhookSignature.Sign(other, DocsSecret), DocsSecret), Is.False);
    }

    [Test]
    public void VerifyAny_SignedWithEitherOfTwoSecrets_IsAccepted()
    {
        var rotated = Encoding.UTF8.GetBytes("the new secret");
        byte[][] secrets = [DocsSecret, rotated];

        Assert.That(WebhookSignature.VerifyAny(DocsBody, DocsSignature, secrets), Is.True, "signed with the first");
        Assert.That(WebhookSignature.VerifyAny(DocsBody, WebhookSignature.Sign(DocsBody, rotated), secrets), Is.True, "signed with the second");
        Assert.That(WebhookSignature.VerifyAny(DocsBody, WebhookSignature.Sign(DocsBody, Encoding.UTF8.GetBytes("neither")), secrets), Is.False);
        Assert.That(WebhookSignature.VerifyAny(DocsBody, "sha256=zz", secrets), Is.False);
    }

    [Test]
    public void VerifyAny_WithoutSecretsOrWithAnEmptyOne_Throws()
    {
        Assert.Throws<ArgumentException>(() => WebhookSignature.VerifyAny(DocsBody, DocsSignature, []));
        Assert.Throws<ArgumentException>(() => WebhookSignature.VerifyAny(DocsBody, DocsSignature, [DocsSecret, []]));
    }

    [Test]
    public void Verify_SignedWithAnotherSecret_IsRejected() =>
        Assert.That(WebhookSignature.Verify(DocsBody, DocsSignature, Encoding.UTF8.GetBytes("It's a Secret to Everybody!")), Is.False);

    [Test]
    public void Verify_LegacySha1SignatureOnly_IsRejected()
    {
        // A genuine legacy X-Hub-Signature value: the test needs SHA-1 precisely to show it is refused.
#pragma warning disable CA5350
        var sha1 = "sha1=" + Convert.ToHexStringLower(HMACSHA1.HashData(DocsSecret, DocsBody));
#pragma warning restore CA5350
        Assert.That(WebhookSignature.Verify(DocsBody, sha1, DocsSecret), Is.False);
    }

    [TestCase(null, TestName = "Verify_MissingHeader_IsRejected")]
    [TestCase("", TestName = "Verify_EmptyHeader_IsRejected")]
    [TestCase("sha256=", TestName = "Verify_PrefixOnly_IsRejected")]
    [TestCase("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", TestName = "Verify_BareDigestWithoutPrefix_IsRejected")]
    [TestCase("SHA256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", TestName = "Verify_UppercasePrefix_IsRejected")]
    [TestCase("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1", TestName = "Verify_OneHexDigitShort_IsRejected")]
    [TestCase("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e177", TestName = "Verify_OneHexDigitLong_IsRejected")]
    [TestCase("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1g", TestName = "Verify_NonHexDigit_IsRejected")]
    [TestCase(" sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", TestName = "Verify_LeadingSpace_IsRejected")]
    [TestCase("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17 ", TestName = "Verify_TrailingSpace_IsRejected")]
    [TestCase("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e18", TestName = "Verify_LastDigitChanged_IsRejected")]
    public void Verify_MalformedOrWrongHeader_IsRejected(string? header) =>
        Assert.That(WebhookSignature.Verify(DocsBody, header, DocsSecret), Is.False);

    [Test]
    public void Verify_UppercaseHexDigest_IsAccepted()
    {
        // Documented choice: the compare is over decoded bytes, so hex case carries no meaning.
        var upper = "sha256=" + DocsSignature["sha256=".Length..].ToUpperInvariant();
        Assert.That(WebhookSignature.Verify(DocsBody, upper, DocsSecret), Is.True);
    }

    [Test]
    public void Verify_EmptyBodyWithValidSignature_IsAcceptedButDoesNotParse()
    {
        // Python hmac over zero bytes; the signature is genuine, the envelope still refuses the empty payload.
        const string emptyBodySignature = "sha256=66a0c074deaa0f489ead6537e0d32f9a344b90bbeda705b6ed45ecd3b413fb40";
        Assert.That(WebhookSignature.Verify([], emptyBodySignature, DocsSecret), Is.True);
        Assert.That(WebhookFixtures.ParseFailure("pull_request", []).Error, Is.EqualTo(WebhookParseError.EmptyBody));
    }

    [Test]
    public void Verify_EmptySecret_Throws() =>
        Assert.That(() => WebhookSignature.Verify(DocsBody, DocsSignature, []), Throws.ArgumentException);

    [Test]
    public void Sign_EmptySecret_Throws() =>
        Assert.That(() => WebhookSignature.Sign(DocsBody, []), Throws.ArgumentException);
}
