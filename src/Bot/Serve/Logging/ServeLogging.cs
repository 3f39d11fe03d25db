using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Logging.Console;

namespace Bot.Serve.Logging;

/// <summary>The console log of <c>bot serve</c>: one line per event, starting with a UTC timestamp and the level
/// (<c>2025-06-01T12:00:00.000Z info: Category[0] message</c>); <c>Logging:Format=json</c> writes one JSON object per line
/// instead (ASP.NET Core's JSON console formatter). ASP.NET Core's per-request lines are off unless
/// <c>Logging:LogLevel:Microsoft.AspNetCore</c> asks for them. Every default here is a setting an operator can override.</summary>
public static class ServeLogging
{
    public const string FormatKey = "Logging:Format";

    // The trailing space separates the time from the level in the text format; JSON gets the time without it.
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";

    private static readonly Dictionary<string, string?> Defaults = new()
    {
        // Only this category: a Default level here would also override a host's SetMinimumLevel (tests set Warning).
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:Console:FormatterOptions:SingleLine"] = "true",
        ["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true",
        ["Logging:Console:FormatterOptions:TimestampFormat"] = TimestampFormat,
    };

    public static void AddBotLogging(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // First source, so appsettings.json, the environment and the command line all override these defaults.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Defaults });
        builder.Services.AddOptions<ConsoleLoggerOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            if (!string.IsNullOrEmpty(configuration["Logging:Console:FormatterName"])) return; // named explicitly: kept
            options.FormatterName = IsJson(configuration[FormatKey]) ? ConsoleFormatterNames.Json : ConsoleFormatterNames.Simple;
        });
        builder.Services.PostConfigure<JsonConsoleFormatterOptions>(options => options.TimestampFormat = options.TimestampFormat?.TrimEnd());
        builder.Services.AddSingleton<SignatureRejectionLog>();
    }

    private static bool IsJson(string? format) => string.Equals(format?.Trim(), "json", StringComparison.OrdinalIgnoreCase);
}
