namespace Bot.Serve;

/// <summary>Where settings come from, for the service and for commands that read the service's settings (<c>bot
/// receive</c>): appsettings.json in the directory the command runs in, then environment variables
/// (<c>GitHub__AppId</c>), then the command line (<c>--GitHub:AppId=1</c>); later sources win.</summary>
public static class BotConfiguration
{
    public static IConfigurationBuilder AddBotSources(this IConfigurationBuilder builder, string[] args)
    {
        builder.AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true);
        builder.AddEnvironmentVariables();
        builder.AddCommandLine(args);
        return builder;
    }
}
