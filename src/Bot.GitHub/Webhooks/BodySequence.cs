using System.Buffers;

namespace Bot.GitHub.Webhooks;

/// <summary>A body held in several buffers (pooled segments, as the webhook endpoint reads it) as one
/// <see cref="ReadOnlySequence{T}"/>, without copying.</summary>
public static class BodySequence
{
    public static ReadOnlySequence<byte> Of(IEnumerable<ReadOnlyMemory<byte>> pieces)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        Piece? first = null;
        Piece? last = null;
        foreach (var memory in pieces)
        {
            var piece = new Piece(memory, last is null ? 0 : last.RunningIndex + last.Memory.Length);
            if (last is null) first = piece;
            else last.Next = piece;
            last = piece;
        }
        return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    private sealed class Piece : ReadOnlySequenceSegment<byte>
    {
        public Piece(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public new Piece? Next
        {
            get => (Piece?)base.Next;
            set => base.Next = value;
        }
    }
}
