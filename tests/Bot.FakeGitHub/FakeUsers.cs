namespace Bot.FakeGitHub;

/// <summary>The people the scenarios are told with, one id each, so that tests agree on who is who (bring them in with
/// <c>using static Bot.FakeGitHub.FakeUsers;</c>).</summary>
public static class FakeUsers
{
    public static readonly FakeUser Alice = new(100, "alice");
    public static readonly FakeUser Bob = new(200, "bob");
    public static readonly FakeUser Carol = new(300, "carol");
    public static readonly FakeUser Dave = new(400, "dave");
    public static readonly FakeUser Mallory = new(666, "mallory");
}
