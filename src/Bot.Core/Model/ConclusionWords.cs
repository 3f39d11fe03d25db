namespace Bot.Core.Model;

/// <summary>A <see cref="Conclusion"/> as the evidence store spells it: the word its decision JSON carries. Conclusions stay
/// typed everywhere else; this is the one place they become text on the way into a record and back out of one.</summary>
public static class ConclusionWords
{
    // No default arm: a new conclusion fails the build here (CS8509) instead of being recorded as something else. Only a
    // cast number outside the enum is left unhandled (CS8524), and throws.
#pragma warning disable CS8524
    public static string Of(Conclusion conclusion) => conclusion switch
    {
        Conclusion.Success => "success",
        Conclusion.Failure => "failure",
        Conclusion.Pending => "pending",
        Conclusion.NotInScope => "notInScope",
    };
#pragma warning restore CS8524

    /// <summary>Reads a recorded word (case-insensitive, as records written by earlier versions are read); false for
    /// anything else.</summary>
    public static bool TryParse(string? word, out Conclusion conclusion)
    {
        foreach (var candidate in Enum.GetValues<Conclusion>())
        {
            if (string.Equals(Of(candidate), word, StringComparison.OrdinalIgnoreCase))
            {
                conclusion = candidate;
                return true;
            }
        }
        conclusion = default;
        return false;
    }
}
