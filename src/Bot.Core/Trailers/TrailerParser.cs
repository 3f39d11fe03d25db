namespace Bot.Core.Trailers;

/// <summary>One trailer as git reports it: key as written, value unfolded.</summary>
public sealed record Trailer(string Key, string Value);

/// <summary>Reads commit trailers with git's semantics (policy.md §2). CONTRACT STUB: replaced by the real parser.</summary>
public static class TrailerParser
{
    public static IReadOnlyList<Trailer> Parse(string message) => throw new NotImplementedException();
}
