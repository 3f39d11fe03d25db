using Bot.GitHub.Rest;
using NUnit.Framework;

namespace Bot.GitHub.Tests.Rest;

/// <summary>GitHub's 140-character limit on a commit status description (the calls themselves: InstallationClientContractTests).</summary>
public class StatusDescriptionTests
{
    [TestCase(140, 140)]
    [TestCase(141, 140)]
    [TestCase(10, 10)]
    public void Description_truncation_keeps_short_text(int length, int expected)
    {
        Assert.That(GitHubModelMapper.TruncateDescription(new string('a', length)), Has.Length.EqualTo(expected));
    }

    [Test]
    public void Description_truncation_never_splits_a_surrogate_pair()
    {
        var emoji = new string('a', 138) + "😀😀";
        var cut = GitHubModelMapper.TruncateDescription(emoji);
        Assert.That(cut, Is.EqualTo(new string('a', 138) + "…"), "the emoji at 139-140 is dropped whole");
    }
}
