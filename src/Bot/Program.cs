using Bot.Cli;
using Bot.Serve;

// `serve` hands its arguments (e.g. --urls) to ASP.NET Core; every other command is an offline CLI command.
if (args.Length > 0 && args[0] == "serve")
    return await ServeHost.RunAsync(args[1..]);
return await BotCli.RunAsync(args, Console.Out, Console.Error);
