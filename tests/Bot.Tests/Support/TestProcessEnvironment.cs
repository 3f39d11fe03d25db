namespace Bot.Tests;

/// <summary>
/// The environment every test in this assembly runs in: the evidence key of <see cref="Support.BotUnderTest"/> in
/// <c>Evidence__HmacKey</c>, where the CLI commands (verify, checkpoint, export, scan) take it from, exactly as an
/// operator runs them beside the service. Child processes inherit it.
/// </summary>
[SetUpFixture]
public sealed class TestProcessEnvironment
{
    private string? _before;

    [OneTimeSetUp]
    public void SetKey()
    {
        _before = Environment.GetEnvironmentVariable("Evidence__HmacKey");
        Environment.SetEnvironmentVariable("Evidence__HmacKey", Support.BotUnderTest.HmacKey);
    }

    [OneTimeTearDown]
    public void RestoreKey() => Environment.SetEnvironmentVariable("Evidence__HmacKey", _before);
}
