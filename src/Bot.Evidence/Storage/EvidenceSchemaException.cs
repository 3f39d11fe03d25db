namespace Bot.Evidence.Storage;

/// <summary>The database cannot be used by this build: its schema is newer, or it was chained with another key.</summary>
public sealed class EvidenceSchemaException(string message) : Exception(message);
