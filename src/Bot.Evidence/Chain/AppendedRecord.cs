namespace Bot.Evidence.Chain;

/// <summary>Where a record landed in its chain: its <c>seq</c> and <c>hash</c> (lowercase hex).</summary>
public sealed record AppendedRecord(long Seq, string Hash);
