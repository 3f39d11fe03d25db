namespace Bot.Serve;

/// <summary><c>bot serve</c> cannot start: a setting is missing or unusable, or a resource it names cannot be used (key
/// file, database path, App credentials, listening address). The message says which and why; the process prints it
/// without a stack trace and exits with code 2 (bad arguments).</summary>
public class CannotStartException(string reason, Exception? inner = null) : Exception("bot serve cannot start: " + reason, inner);
