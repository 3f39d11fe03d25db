using System.Text;
using Bot.Evidence.Export;

namespace Bot.Evidence.Tests.Export;

/// <summary>The fast export (rows formatted on their own thread, chains verified between batches, approvals read forward,
/// overrides loaded once) writes exactly what the previous export wrote.</summary>
public sealed class ExportEquivalenceTests
{
    private static readonly ExportRequest Year = new() { From = new DateOnly(2025, 1, 1), To = new DateOnly(2025, 12, 31) };

    private static byte[] Export(TestDatabase db, ExportRequest request, out ExportCompleteness completeness)
    {
        using var output = new MemoryStream();
        completeness = ChangeExporter.Export(db.FilePath, null, request, output);
        return output.ToArray();
    }

    [TestCase(ExportFormat.Csv)]
    [TestCase(ExportFormat.Json)]
    [TestCase(ExportFormat.Md)]
    public async Task Every_format_is_byte_for_byte_what_the_previous_export_wrote(ExportFormat format)
    {
        using var db = new TestDatabase();
        await ExportPopulation.BuildAsync(db);
        var request = Year with { Format = format };

        var fast = Export(db, request, out var completeness);

        Assert.That(completeness.Exported, Is.EqualTo(ExportPopulation.Changes - (ExportPopulation.Changes / 50)));
        Assert.That(completeness.ChainsOk, Is.True);
        Assert.That(Encoding.UTF8.GetString(fast), Is.EqualTo(Encoding.UTF8.GetString(PreviousExport.Run(db.FilePath, request))));
    }

    [Test]
    public async Task Csv_rows_follow_the_population_order_with_escaping_and_overrides()
    {
        using var db = new TestDatabase();
        await ExportPopulation.BuildAsync(db);

        var csv = Encoding.UTF8.GetString(Export(db, Year, out _));

        // Repositories that differ only in case sort together (NOCASE); within them base ref, then change id as text.
        var rows = csv.Split("\r\n").Skip(1).Where(l => l.StartsWith("acme/", StringComparison.OrdinalIgnoreCase)).ToList();
        var repositories = rows.Select(r => r[..r.IndexOf(',', StringComparison.Ordinal)]).ToList();
        Assert.That(repositories, Is.Ordered.Using<string>(StringComparer.OrdinalIgnoreCase));
        Assert.That(repositories.Distinct(), Is.EquivalentTo(new[] { "acme/app", "Acme/App", "acme/zed", "ACME/beta", "acme/app-2" }));
        Assert.That(csv, Does.Contain(",\"'=SUM(A1)\","));
        Assert.That(csv, Does.Contain(",\"with \"\"quotes\"\" #2\","));
        Assert.That(csv, Does.Contain("\"line\nbreak #3\""));
        // In force: PR 7; revoked: PR 14; for another head: PR 21; recorded as ACME/APP: PR 35; its decision at merge failed:
        // PR 1; recorded after the merge: PR 12.
        Assert.That(csv, Does.Contain("@dana at 2025-03-01T00:06:30.0000000Z: hotfix, reason 7 (evidence seq 1)"));
        Assert.That(csv, Does.Not.Contain("reason 14 (evidence seq"));
        Assert.That(csv, Does.Not.Contain("reason 21 (evidence seq"));
        Assert.That(csv, Does.Contain("hotfix, reason 35 (evidence seq 5)"));
        Assert.That(csv, Does.Not.Contain("reason 1 (evidence seq"));
        Assert.That(csv, Does.Not.Contain("reason 12 (evidence seq"));
        Assert.That(csv, Does.Contain("# changes_with_gaps: "));
    }

    [Test]
    public async Task A_tampered_change_is_flagged_in_the_completeness_section_as_before()
    {
        using var db = new TestDatabase();
        await ExportPopulation.BuildAsync(db);
        db.Sql("DROP TRIGGER changes_no_update; UPDATE changes SET title = 'innocent' WHERE seq = 600;");

        var csv = Export(db, Year, out var completeness);

        Assert.That(completeness.ChainsOk, Is.False);
        var changes = completeness.Chains.Single(c => c.Chain == "changes").Result;
        Assert.That(changes.Break!.Seq, Is.EqualTo(600));
        Assert.That(changes.Break.Field, Is.EqualTo("hash"));
        Assert.That(Encoding.UTF8.GetString(csv), Does.Contain("# verify changes: BROKEN at seq 600: hash expected "));
        Assert.That(Encoding.UTF8.GetString(csv), Is.EqualTo(Encoding.UTF8.GetString(PreviousExport.Run(db.FilePath, Year))));
    }

    [Test]
    public async Task A_failing_output_fails_the_export_instead_of_hanging()
    {
        using var db = new TestDatabase();
        await ExportPopulation.BuildAsync(db);
        using var output = new FailingStream(failAfterBytes: 100_000);

        Assert.That(() => ChangeExporter.Export(db.FilePath, null, Year, output), Throws.InstanceOf<IOException>().With.Message.EqualTo("disk full"));
        Assert.That(output.Written, Is.GreaterThanOrEqualTo(100_000));
    }

    private sealed class FailingStream(long failAfterBytes) : MemoryStream
    {
        public long Written { get; private set; }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Written += buffer.Length;
            if (Written > failAfterBytes)
            {
                throw new IOException("disk full");
            }
        }
    }
}
