using System.Collections.Concurrent;
using Bot.Core.Globbing;

namespace Bot.Core.Evaluation;

/// <summary>A policy list of globs, compiled once. Compiled globs are cached process-wide because the same
/// few policies are evaluated over and over and compiling a regex costs far more than matching it.</summary>
internal sealed class GlobSet
{
    // Policies come from repositories, so the cache is bounded: when full it starts over rather than grow.
    private const int CacheLimit = 4096;
    private static readonly ConcurrentDictionary<(string Pattern, GlobMode Mode), (Glob Glob, GlobBounds Bounds)> Cache = new();

    private readonly (Glob Glob, GlobBounds Bounds)[] _globs;

    private GlobSet((Glob, GlobBounds)[] globs) => _globs = globs;

    public bool IsEmpty => _globs.Length == 0;

    /// <summary>Throws <see cref="GlobException"/> when a pattern is malformed.</summary>
    public static GlobSet Compile(IReadOnlyList<string> patterns, GlobMode mode)
    {
        var globs = new (Glob, GlobBounds)[patterns.Count];
        for (var i = 0; i < globs.Length; i++)
            globs[i] = Get(patterns[i], mode);
        return new GlobSet(globs);
    }

    public bool IsMatch(string value)
    {
        foreach (var (glob, bounds) in _globs)
        {
            if (bounds.MayMatch(value) && glob.IsMatch(value))
                return true;
        }
        return false;
    }

    private static (Glob, GlobBounds) Get(string pattern, GlobMode mode)
    {
        if (Cache.TryGetValue((pattern, mode), out var compiled))
            return compiled;
        compiled = (Glob.Parse(pattern, mode), GlobBounds.Of(pattern));
        if (Cache.Count >= CacheLimit)
            Cache.Clear();
        Cache[(pattern, mode)] = compiled;
        return compiled;
    }
}
