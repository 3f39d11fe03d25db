using Bot.Cli;

namespace Bot.Tests.Cli;

public sealed class TrailersCommandTests
{
    [Test]
    public async Task Prints_the_trailers_of_a_message_file_one_per_line()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "Subject\n\nBody text.\n\nAI-Assisted: Cursor 0.45\nSigned-off-by: A Person <a@example.com>\n");
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var code = await BotCli.RunAsync(["trailers", file], output, error);

            Assert.That(code, Is.EqualTo(ExitCodes.Ok));
            Assert.That(output.ToString(), Is.EqualTo("AI-Assisted: Cursor 0.45\nSigned-off-by: A Person <a@example.com>\n"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task A_message_whose_last_paragraph_is_not_trailers_prints_nothing()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "Subject\n\nAI-Assisted: Cursor\n\nA closing remark.\n");
        try
        {
            using var output = new StringWriter();
            var code = await BotCli.RunAsync(["trailers", file], output, new StringWriter());

            Assert.That(code, Is.EqualTo(ExitCodes.Ok));
            Assert.That(output.ToString(), Is.Empty);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task A_missing_file_is_bad_input()
    {
        using var error = new StringWriter();
        var code = await BotCli.RunAsync(["trailers", "/nonexistent/message.txt"], new StringWriter(), error);

        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(error.ToString(), Does.Contain("message.txt"));
    }
}
