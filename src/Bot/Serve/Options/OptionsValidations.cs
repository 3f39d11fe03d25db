using Bot.Population;
using Microsoft.Extensions.Options;

namespace Bot.Serve.Options;

/// <summary>The service's checks of <see cref="StartupCheck"/> as options validation, so that they run when the options are
/// built (at start, by <c>ValidateOnStart</c>) wherever they are first read.</summary>
internal sealed class GitHubOptionsValidation : IValidateOptions<GitHubOptions>
{
    public ValidateOptionsResult Validate(string? name, GitHubOptions options) => Result(StartupCheck.Problems(options));

    internal static ValidateOptionsResult Result(IReadOnlyList<string> problems) =>
        problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
}

internal sealed class EvidenceOptionsValidation : IValidateOptions<EvidenceOptions>
{
    public ValidateOptionsResult Validate(string? name, EvidenceOptions options) =>
        GitHubOptionsValidation.Result(StartupCheck.Problems(options));
}

internal sealed class ExportOptionsValidation : IValidateOptions<ExportOptions>
{
    public ValidateOptionsResult Validate(string? name, ExportOptions options) =>
        GitHubOptionsValidation.Result(StartupCheck.Problems(options));
}
