namespace Bot.LocalGit;

/// <summary>Refs from the user, checked before they reach git. git reads any argument that starts with <c>-</c> as an
/// option (<c>--branch=--output=FILE</c> would make <c>git log</c> write a file and list nothing), so such a ref is
/// refused outright; every call that passes a ref or path also puts it after <c>--end-of-options</c>.</summary>
public static class GitRef
{
    /// <param name="what">How the user named it, for the message (e.g. <c>--branch</c>).</param>
    public static string Checked(string value, string what)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0 || value[0] == '-')
            throw new GitCommandException($"{what} '{value}' is not a ref: a ref may not be empty or start with '-' (git would read it as an option)");
        return value;
    }
}
