using PerfGate.Diagnostics;
using PerfGate.History;
using PerfGate.Results;

namespace PerfGate.Core.Tests.History;

[TestClass]
public sealed class HistoryFileTests
{
    private static readonly HostEnvironment Host = new("Linux", "CPU \"x\"", 2, 2, ".NET 10", "X64", "0.14.0");

    private static HistoryRecord Record(DateTimeOffset time, params HistoryCase[] cases) =>
        new(time, HistoryRecords.GateKind, "Bench", "PASS", new string('a', 40), "main", false, "perfgate", Host, cases);

    private static HistoryCase Case(string name, double median, string verdict = "PASS", params string[] codes) =>
        new(name, median, median * 1.01, median * 1.2, median * 1.5, 48, 15, verdict, codes);

    private static string NewFolder() => TempFolders.New("perfgate-history-");

    [TestMethod]
    public void A_line_keeps_every_field_and_a_hostile_name_on_one_line()
    {
        var hostile = "Ns.Outer<T>.Method(Text: \"<script>\n'x' | a.b\")";
        var record = Record(new DateTimeOffset(2026, 11, 23, 20, 0, 0, 123, TimeSpan.Zero), Case(hostile, 1234.56789, "FAIL", "PG2001", "PG2002"), Case("Ns.C.Plain", 0.0123456));

        var line = HistoryLine.Format(record);
        var read = HistoryLine.Parse(line);

        Assert.IsFalse(line.Contains('\n'), line);
        Assert.AreEqual(record.Time, read.Time);
        Assert.AreEqual(record.Commit, read.Commit);
        Assert.AreEqual(false, read.Dirty);
        Assert.AreEqual(Host, read.Environment);
        Assert.AreEqual(hostile, read.Cases[0].Name);
        Assert.AreEqual(1234.6, read.Cases[0].MedianNs);
        Assert.AreEqual(0.012346, read.Cases[1].MedianNs);
        Assert.AreEqual("FAIL", read.Cases[0].Verdict);
        CollectionAssert.AreEqual(new[] { "PG2001", "PG2002" }, read.Cases[0].Codes.ToArray());
        Assert.AreEqual("PASS", read.Cases[1].Verdict);
        Assert.AreEqual(48, read.Cases[1].AllocatedBytes);
        Assert.AreEqual(15, read.Cases[1].Samples);
    }

    [TestMethod]
    public async Task A_line_is_valid_against_the_published_schema()
    {
        var folder = NewFolder();
        var path = Path.Combine(folder, "line.json");
        await File.WriteAllTextAsync(path, HistoryLine.Format(Record(DateTimeOffset.UtcNow, Case("Ns.C.M(X: \"<\")", 12.5, "WARN", "PG1001"), Case("Ns.C.N", 3))));
        var schema = Path.Combine(Path.GetDirectoryName(Reports.Python.SarifSchema)!, "perfgate.history.schema.json");

        var output = await Reports.Python.RunAsync("""
            import json, sys, jsonschema
            jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))
            print("valid")
            """, path, schema);

        Assert.AreEqual("valid", output);
    }

    [TestMethod]
    public void Five_hundred_benchmarks_take_about_25_KB_a_run()
    {
        var cases = Enumerable.Range(0, 500).Select(i => Case($"MyCompany.Product.Parsers.JsonParserBenchmarks.Parse(Size: {i})", 1234.567 + i)).ToArray();

        var line = HistoryLine.Format(Record(DateTimeOffset.UtcNow, cases));

        Assert.IsTrue(line.Length < 30_000, $"{line.Length} characters");
    }

    [TestMethod]
    public async Task A_malformed_line_is_reported_with_its_number_and_the_rest_is_read()
    {
        var folder = NewFolder();
        var path = Path.Combine(folder, "history.jsonl");
        var good = HistoryLine.Format(Record(DateTimeOffset.UtcNow, Case("Ns.C.M", 10)));
        await File.WriteAllLinesAsync(path, [good, "{\"schema\":1,\"time\":", good, "", "[1,2]", "{\"schema\":2}", good]);

        var content = await HistoryFile.ReadAsync(path);

        Assert.AreEqual(3, content.Records.Count);
        CollectionAssert.AreEqual(new[] { 2, 5, 6 }, content.Problems.Select(p => p.Line).ToArray());
        StringAssert.Contains(content.Problems[0].Problem, "not valid JSON");
        StringAssert.Contains(content.Problems[2].Problem, "schema");
    }

    [TestMethod]
    public async Task A_long_history_read_in_parallel_keeps_the_runs_in_order_and_every_bad_line_number()
    {
        // 1,000 lines are parsed in slices on every core: the records still come in run order, each bad line is reported
        // once with its own number, wherever its slice starts.
        var folder = NewFolder();
        var path = Path.Combine(folder, "history.jsonl");
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var bad = new[] { 1, 64, 500, 501, 1000 };
        var lines = Enumerable.Range(1, 1000)
            .Select(n => bad.Contains(n) ? "{\"schema\":1," : HistoryLine.Format(Record(start.AddMinutes(n), Case("Ns.C.M", n))))
            .ToArray();
        await File.WriteAllTextAsync(path, string.Join("\n", lines));

        var content = await HistoryFile.ReadAsync(path);

        CollectionAssert.AreEqual(bad, content.Problems.Select(p => p.Line).ToArray());
        CollectionAssert.AreEqual(Enumerable.Range(1, 1000).Except(bad).Select(n => (double?)n).ToArray(), content.Records.Select(r => r.Cases.Single().MedianNs).ToArray());
    }

    [TestMethod]
    public async Task Appends_add_one_line_each_and_repair_a_last_line_cut_short()
    {
        var folder = NewFolder();
        var path = Path.Combine(folder, "deeper", "history.jsonl");

        await HistoryFile.AppendAsync(path, Record(DateTimeOffset.UtcNow, Case("Ns.C.M", 10)));
        await File.AppendAllTextAsync(path, "{\"schema\":1,\"ti"); // a writer killed mid-line
        await HistoryFile.AppendAsync(path, Record(DateTimeOffset.UtcNow, Case("Ns.C.M", 11)));
        var content = await HistoryFile.ReadAsync(path);

        Assert.AreEqual(2, content.Records.Count);
        Assert.AreEqual(1, content.Problems.Count);
        Assert.AreEqual(2, content.Problems[0].Line);
    }

    [TestMethod]
    public async Task Retention_keeps_the_last_runs_or_days_and_never_drops_an_unreadable_line()
    {
        var folder = NewFolder();
        var path = Path.Combine(folder, "history.jsonl");
        var now = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
        for (var day = 10; day >= 1; day--)
        {
            await HistoryFile.AppendAsync(path, Record(now.AddDays(-day), Case("Ns.C.M", day)));
        }

        await File.AppendAllTextAsync(path, "not json\n");
        var removedByRuns = await HistoryFile.AppendAsync(path, Record(now, Case("Ns.C.M", 0)), HistoryRetention.Parse("5", out _));
        var afterRuns = await HistoryFile.ReadAsync(path);
        var removedByDays = await HistoryFile.AppendAsync(path, Record(now, Case("Ns.C.M", 0)), HistoryRetention.Parse("2d", out _));
        var afterDays = await HistoryFile.ReadAsync(path);

        Assert.AreEqual(5, removedByRuns);
        Assert.AreEqual(6, afterRuns.Records.Count, "5 kept, then this run appended");
        Assert.AreEqual(1, afterRuns.Problems.Count, "the unreadable line is kept");
        Assert.AreEqual(3, removedByDays, "5, 4 and 3 days before now");
        Assert.IsTrue(afterDays.Records.All(r => r.Time >= now.AddDays(-2)));
        Assert.IsFalse(Directory.EnumerateFiles(folder, "*.pruning").Any(), "the backup is removed once the rewrite is complete");
    }

    [TestMethod]
    public void Retention_text_is_runs_or_days()
    {
        Assert.AreEqual(new HistoryRetention(null, 500), HistoryRetention.Parse("500", out _));
        Assert.AreEqual(new HistoryRetention(90, null), HistoryRetention.Parse(" 90d ", out _));
        Assert.IsNull(HistoryRetention.Parse("0", out var zero));
        Assert.IsNotNull(zero);
        Assert.IsNull(HistoryRetention.Parse("ten days", out _));
        Assert.IsNull(HistoryRetention.Parse("-5", out _));
    }

    [TestMethod]
    public async Task A_history_path_that_is_a_folder_is_a_file_error_not_a_crash()
    {
        var folder = NewFolder();
        var path = Directory.CreateDirectory(Path.Combine(folder, "history.jsonl")).FullName;

        var error = await Assert.ThrowsExactlyAsync<PerfGateFileException>(() => HistoryFile.AppendAsync(path, Record(DateTimeOffset.UtcNow, Case("Ns.C.M", 1))));

        StringAssert.Contains(error.FilePath, "history.jsonl");
    }
}
