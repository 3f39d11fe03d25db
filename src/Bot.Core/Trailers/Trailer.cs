namespace Bot.Core.Trailers;

/// <summary>One trailer as git reports it: key as written (trimmed), value unfolded and trimmed.</summary>
public sealed record Trailer(string Key, string Value);
