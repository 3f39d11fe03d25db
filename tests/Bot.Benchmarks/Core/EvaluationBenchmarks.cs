using BenchmarkDotNet.Attributes;
using Bot.Core.Evaluation;
using Bot.Core.Model;
using Bot.Core.Rendering;

namespace Bot.Benchmarks.Core;

/// <summary>A full evaluation of a 250-commit, 300-file, 20-review pull request (target: under 2 ms and
/// 2 MB allocated), and what the bot does with the decision next.</summary>
[MemoryDiagnoser]
public class EvaluationBenchmarks
{
    private EvaluationInput _input = null!;
    private Decision _decision = null!;

    [GlobalSetup]
    public void Setup()
    {
        _input = LargePullRequest.Build();
        _decision = Evaluator.Evaluate(_input);
    }

    [Benchmark]
    public Decision Evaluate_large_pull_request() => Evaluator.Evaluate(_input);

    [Benchmark]
    public string Serialize_decision() => DecisionJson.Serialize(_decision);

    [Benchmark]
    public CheckRunText Render_check_run() => CheckRunRenderer.Render(_decision);
}
