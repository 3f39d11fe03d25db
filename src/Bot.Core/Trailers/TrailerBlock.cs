namespace Bot.Core.Trailers;

/// <summary>
/// Finds the trailer block of a commit message the way git 2.39's trailer.c does for
/// <c>git log --format=%(trailers)</c> (which, unlike <c>interpret-trailers</c>, ignores <c>---</c> dividers).
/// Every step walks the text once, so hostile messages stay linear.
/// </summary>
internal static class TrailerBlock
{
    // wt-status.c's cut line, as git looks for it: preceded by a newline (or at the very start) and ended by "\n".
    private const string ScissorsLine = "# ------------------------ >8 ------------------------\n";
    private const string ConflictsLine = "Conflicts:\n";
    private static readonly string[] GitGeneratedPrefixes = ["Signed-off-by: ", "(cherry picked from commit "];

    /// <summary>Start and end offsets of the trailer block in <paramref name="text"/>; Start == End when there is none.</summary>
    /// <param name="text">The message from its subject on (leading blank lines already skipped), as pretty.c passes it.</param>
    public static (int Start, int End) Locate(string text)
    {
        int end = EndOfLogMessage(text);
        int start = StartOfTrailers(text, end);
        return (start, end);
    }

    /// <summary>
    /// git's find_separator with the default separators ":": offset of the colon from <paramref name="bol"/>,
    /// or -1 when the line is not <c>Key[ \t]*:</c> (key of ASCII letters, digits and '-').
    /// </summary>
    public static int FindSeparator(string text, int bol)
    {
        bool whitespaceFound = false;
        for (int i = bol; i < text.Length; i++)
        {
            char c = text[i];
            if (c == ':')
            {
                return i - bol;
            }
            if (!whitespaceFound && (GitText.IsAlnum(c) || c == '-'))
            {
                continue;
            }
            if (i != bol && c is ' ' or '\t')
            {
                whitespaceFound = true;
                continue;
            }
            break;
        }
        return -1;
    }

    private static int LocateScissors(string text)
    {
        if (text.StartsWith(ScissorsLine, StringComparison.Ordinal))
        {
            return 0;
        }
        int at = text.IndexOf("\n" + ScissorsLine, StringComparison.Ordinal);
        return at < 0 ? text.Length : at + 1;
    }

    /// <summary>
    /// git's ignore_non_trailer: the message ends before a scissors line and before a trailing run of
    /// comment lines, empty lines and an old-style "Conflicts:" block. Offset 0 doubles as "no run yet",
    /// exactly as in git, which matters when the subject itself is a comment line.
    /// </summary>
    private static int EndOfLogMessage(string text)
    {
        int cutoff = LocateScissors(text);
        int boc = 0;
        bool inOldConflictsBlock = false;
        for (int bol = 0; bol < cutoff; bol = GitText.NextLine(text, bol))
        {
            char first = text[bol];
            if (first is GitText.CommentChar or '\n')
            {
                if (boc == 0)
                {
                    boc = bol;
                }
            }
            else if (text.AsSpan(bol).StartsWith(ConflictsLine, StringComparison.Ordinal))
            {
                inOldConflictsBlock = true;
                if (boc == 0)
                {
                    boc = bol;
                }
            }
            else if (inOldConflictsBlock && first == '\t')
            {
                // a path listed in the conflicts block
            }
            else if (boc != 0)
            {
                boc = 0;
                inOldConflictsBlock = false;
            }
        }
        return boc != 0 ? boc : cutoff;
    }

    /// <summary>
    /// git's find_trailer_start: only the last paragraph after the title can be the block. It counts when
    /// all its lines are trailers, or when it holds a git-generated line and trailers are at least 25% of it.
    /// </summary>
    private static int StartOfTrailers(string text, int len)
    {
        int endOfTitle = EndOfTitle(text, len);
        bool onlySpaces = true;
        bool recognizedPrefix = false;
        int trailerLines = 0;
        int nonTrailerLines = 0;
        // Indented lines count as continuations of a trailer above them, else as non-trailers.
        int possibleContinuationLines = 0;

        for (int bol = GitText.LastLineStart(text, len); bol >= endOfTitle; bol = GitText.LastLineStart(text, bol))
        {
            if (text[bol] == GitText.CommentChar)
            {
                nonTrailerLines += possibleContinuationLines;
                possibleContinuationLines = 0;
                continue;
            }
            if (GitText.IsBlankLine(text, bol))
            {
                if (onlySpaces)
                {
                    continue;
                }
                nonTrailerLines += possibleContinuationLines;
                bool counts = (recognizedPrefix && trailerLines * 3L >= nonTrailerLines)
                              || (trailerLines > 0 && nonTrailerLines == 0);
                return counts ? GitText.NextLine(text, bol) : len;
            }
            onlySpaces = false;

            if (IsGitGenerated(text, bol))
            {
                trailerLines++;
                possibleContinuationLines = 0;
                recognizedPrefix = true;
            }
            else if (FindSeparator(text, bol) >= 1 && !GitText.IsSpace(text[bol]))
            {
                trailerLines++;
                possibleContinuationLines = 0;
            }
            else if (GitText.IsSpace(text[bol]))
            {
                possibleContinuationLines++;
            }
            else
            {
                nonTrailerLines += 1 + possibleContinuationLines;
                possibleContinuationLines = 0;
            }
        }
        return len;
    }

    /// <summary>The title is the first paragraph; comment lines do not end it.</summary>
    private static int EndOfTitle(string text, int len)
    {
        int s = 0;
        while (s < len)
        {
            if (text[s] != GitText.CommentChar && GitText.IsBlankLine(text, s))
            {
                break;
            }
            s = GitText.NextLine(text, s);
        }
        return s;
    }

    private static bool IsGitGenerated(string text, int bol)
    {
        foreach (string prefix in GitGeneratedPrefixes)
        {
            if (text.AsSpan(bol).StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
