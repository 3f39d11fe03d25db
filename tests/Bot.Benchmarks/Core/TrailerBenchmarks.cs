using BenchmarkDotNet.Attributes;
using Bot.Core.Trailers;

namespace Bot.Benchmarks.Core;

/// <summary>Parsing the trailers of one typical commit message.</summary>
[MemoryDiagnoser]
public class TrailerBenchmarks
{
    [Benchmark]
    public IReadOnlyList<Trailer> Parse_typical_message() => TrailerParser.Parse(LargePullRequest.TypicalMessage);
}
