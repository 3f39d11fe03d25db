using System.Buffers;
using Bot.GitHub.Webhooks;
using Microsoft.Extensions.Options;

namespace Bot.Serve.Http;

/// <summary>The secrets a delivery may be signed with (<c>GitHub:WebhookSecret</c> and, during a rotation,
/// <c>GitHub:WebhookSecrets:0/1</c>), decoded to bytes once for the life of the process instead of on every request.</summary>
public sealed class WebhookSecrets(IOptions<GitHubOptions> options)
{
    private readonly byte[][] _keys = [.. options.Value.WebhookSecretKeys()];

    /// <summary>True when <paramref name="signatureHeader"/> signs <paramref name="body"/> with any of the secrets.</summary>
    public bool Verify(in ReadOnlySequence<byte> body, string? signatureHeader) => WebhookSignature.VerifyAny(body, signatureHeader, _keys);
}
