namespace Bot.Dashboard.Access;

/// <summary>Whether a GitHub user may use the dashboard: <see cref="Via"/> says why (a listed login, or the team they are an
/// active member of); <see cref="Unknown"/> when GitHub could not be asked, which is never taken as a yes.</summary>
public sealed record AccessDecision(bool Allowed, string? Via, bool Unknown = false)
{
    public static AccessDecision Denied { get; } = new(false, null);
}
