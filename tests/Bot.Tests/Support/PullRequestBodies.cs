namespace Bot.Tests.Support;

/// <summary>Pull request descriptions with the default template of policy.md §2, ticked as the name says.</summary>
public static class PullRequestBodies
{
    public const string AiDeclared = """
        ## AI assistance
        - [x] This change includes AI-assisted code
        - [ ] This change does not include AI-assisted code
        - [x] No secrets, credentials or customer data were entered into AI tools for this change
        """;
}
