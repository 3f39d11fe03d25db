using BenchmarkDotNet.Attributes;

namespace Bot.Benchmarks.GitHub;

/// <summary>CPU time and allocations of one evaluation's GitHub calls (<see cref="EvaluationReads"/>), through the fake
/// GitHub on Kestrel (server included) and from recorded answers (the client alone).</summary>
[MemoryDiagnoser]
public class EvaluationReadsBenchmarks
{
    private EvaluationReads _reads = null!;

    [Params(GitHubTransportKind.Kestrel, GitHubTransportKind.Replay)]
    public GitHubTransportKind Transport { get; set; }

    [GlobalSetup]
    public async Task SetupAsync() => _reads = await EvaluationReads.StartAsync(Transport);

    [GlobalCleanup]
    public async Task CleanupAsync() => await _reads.DisposeAsync();

    [Benchmark]
    public Task<int> One_evaluations_reads() => _reads.ReadAsync();
}
