using System.Text;
using Bot.Core.Trailers;
using NUnit.Framework;

namespace Bot.Core.Tests.Trailers;

/// <summary>
/// Compares TrailerParser with what git itself reports for committed messages: the exact text of
/// <c>git log --format='%(trailers:unfold,only)'</c> and the key/value pairs in it.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class TrailerGitDifferentialTests
{
    private const int RandomSeed = 20_250_611;
    private const int RandomCount = 2_500;
    private const int MismatchesShown = 5;

    private GitScratchRepository? _corpusRepository;

    /// <summary>The corpus goes in twice: with git commit --cleanup=verbatim (as the issue names it) and with fast-import.</summary>
    [OneTimeSetUp]
    public void CommitCorpus()
    {
        _corpusRepository = GitScratchRepository.Create();
        List<string> messages = TrailerCorpus.All.Select(c => c.Message).ToList();
        _corpusRepository.CommitVerbatim(messages);
        _corpusRepository.Import("imported", messages);
    }

    [OneTimeTearDown]
    public void DeleteCorpusRepository() => _corpusRepository?.Dispose();

    [Test]
    public void Corpus_agrees_with_git_for_messages_committed_verbatim()
    {
        IReadOnlyList<CorpusMessage> corpus = TrailerCorpus.All;

        IReadOnlyList<GitTrailerReport> reports = _corpusRepository!.ReadTrailers("main");

        Assert.That(reports, Has.Count.EqualTo(corpus.Count));
        AssertAgreement(corpus.Select(c => c.Message).ToList(), reports, corpus.Select(c => c.Name).ToList(), "corpus");
    }

    /// <summary>The random run uses fast-import for speed; this shows git reports the same for it as for git commit.</summary>
    [Test]
    public void Fast_import_reports_the_same_trailers_as_git_commit_verbatim()
    {
        IEnumerable<string> committed = _corpusRepository!.ReadTrailers("main").Select(r => r.Output);
        IEnumerable<string> imported = _corpusRepository.ReadTrailers("imported").Select(r => r.Output);

        Assert.That(imported, Is.EqualTo(committed));
    }

    [Test]
    public void Random_messages_agree_with_git()
    {
        var generator = new RandomCommitMessages(RandomSeed);
        List<string> messages = Enumerable.Range(0, RandomCount).Select(_ => generator.Next()).ToList();
        using GitScratchRepository repository = GitScratchRepository.Create();
        IReadOnlyList<string> shas = repository.Import("random", messages);

        IReadOnlyList<GitTrailerReport> reports = repository.ReadTrailers("random");

        Assert.That(reports.Select(r => r.Sha), Is.EqualTo(shas), $"seed {RandomSeed}: git log did not list the imported commits in order");
        AssertAgreement(messages, reports, messages.Select((_, i) => $"random #{i}").ToList(), $"seed {RandomSeed}");
    }

    [Test]
    public void Random_messages_hold_enough_trailers_to_test_something()
    {
        var generator = new RandomCommitMessages(RandomSeed);
        int withTrailers = Enumerable.Range(0, RandomCount).Count(_ => TrailerParser.Parse(generator.Next()).Count > 0);

        // Guards the generator: a change that made nearly every message trailer-less would make the
        // differential run pass without exercising the parser.
        Assert.That(withTrailers, Is.InRange(RandomCount / 5, RandomCount * 4 / 5), $"seed {RandomSeed}");
    }

    private static void AssertAgreement(
        List<string> messages, IReadOnlyList<GitTrailerReport> reports, List<string> names, string run)
    {
        var mismatches = new List<string>();
        for (int i = 0; i < messages.Count; i++)
        {
            IReadOnlyList<Trailer> parsed = TrailerParser.Parse(messages[i]);
            string formatted = TrailerParser.Format(parsed);
            if (formatted != reports[i].Output || !parsed.SequenceEqual(reports[i].Trailers))
            {
                mismatches.Add($"{names[i]}: message {Show(messages[i])}\n  git:    {Show(reports[i].Output)}\n  parser: {Show(formatted)}");
            }
        }
        Assert.That(mismatches, Is.Empty,
            $"{run}: {mismatches.Count} of {messages.Count} messages disagree with git; first ones:\n"
            + string.Join("\n", mismatches.Take(MismatchesShown)));
    }

    /// <summary>Shows control characters and non-ASCII whitespace so a failure message can be read.</summary>
    private static string Show(string text)
    {
        const int Limit = 400;
        var shown = new StringBuilder("\"");
        foreach (char c in text.Length > Limit ? text[..Limit] : text)
        {
            shown.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' or '\u00a0' or '\u200b' or '\ufeff' => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }
        return shown.Append(text.Length > Limit ? "\"…" : "\"").ToString();
    }
}
