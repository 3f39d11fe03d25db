namespace Bot.Evidence.Storage;

/// <summary>One schema step; <see cref="Sql"/> runs in a single transaction together with its schema_version row.</summary>
internal sealed record Migration(int Version, string Description, string Sql);
