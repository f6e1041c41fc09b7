using System.Diagnostics;
using PerfGate.Gating;
using PerfGate.Reports;
using PerfGate.Verdicts;

namespace PerfGate.Core.Tests.Reports;

[TestClass]
public sealed class ReportSupportTests
{
    [TestMethod]
    [DataRow("Ns.Type.Method", "Ns.Type", "Method")]
    [DataRow("Ns.Outer.Inner<Int32>.Run(Size: 10)", "Ns.Outer.Inner<Int32>", "Run(Size: 10)")]
    [DataRow("Ns.Type.Parse(Text: \"a.b\")", "Ns.Type", "Parse(Text: \"a.b\")")]
    [DataRow("Generic<Ns.A>.Run", "Generic<Ns.A>", "Run")]
    [DataRow("Bare", "", "Bare")]
    public void A_benchmark_name_splits_into_class_and_case(string key, string className, string caseName) =>
        Assert.AreEqual((className, caseName), BenchmarkName.Split(key));

    [TestMethod]
    [DataRow(null, ReportFormats.All)]
    [DataRow("all", ReportFormats.All)]
    [DataRow("none", ReportFormats.None)]
    [DataRow("markdown; SARIF,junit", ReportFormats.Markdown | ReportFormats.Sarif | ReportFormats.JUnit)]
    public void Report_formats_parse(string? text, ReportFormats expected) => Assert.AreEqual(expected, ReportFormatList.Parse(text));

    [TestMethod]
    public void An_unknown_report_format_is_refused() => Assert.IsNull(ReportFormatList.Parse("markdown;pdf"));

    [TestMethod]
    public async Task The_commit_is_read_from_the_git_folder_as_git_itself_reports_it()
    {
        var repo = Directory.CreateTempSubdirectory("perfgate-git-").FullName;
        try
        {
            await GitAsync(repo, "init", "-q", "-b", "feature/x");
            await File.WriteAllTextAsync(Path.Combine(repo, "a.txt"), "a");
            await GitAsync(repo, "add", "-A");
            await GitAsync(repo, "commit", "-q", "-m", "a");
            Directory.CreateDirectory(Path.Combine(repo, "bench"));

            var loose = GitCommit.Of(Path.Combine(repo, "bench"));
            await GitAsync(repo, "pack-refs", "--all");
            var packed = GitCommit.Of(repo);

            var head = (await GitAsync(repo, "rev-parse", "HEAD")).Trim();
            Assert.AreEqual(new GitCommit(head, "feature/x", repo), loose);
            Assert.AreEqual(loose, packed);
        }
        finally
        {
            Directory.Delete(repo, recursive: true);
        }
    }

    [TestMethod]
    public async Task The_summary_goes_to_GitHubs_step_summary_and_to_Azure_Pipelines_by_its_logging_command()
    {
        var folder = TempFolders.New("perfgate-ci-");
        var summary = Path.Combine(folder, "perfgate-summary.md");
        var stepSummary = Path.Combine(folder, "step-summary.md");
        await File.WriteAllTextAsync(summary, "## PerfGate: PASS\n");
        await File.WriteAllTextAsync(stepSummary, "earlier step\n");
        var log = new RecordingLog();
        var environment = new Dictionary<string, string?> { ["GITHUB_STEP_SUMMARY"] = stepSummary, ["TF_BUILD"] = "True" };

        var published = await CiSummary.PublishAsync(summary, log, name => environment.GetValueOrDefault(name), CancellationToken.None);

        Assert.AreEqual(2, published.Count);
        Assert.AreEqual("earlier step\n## PerfGate: PASS\n\n", await File.ReadAllTextAsync(stepSummary));
        Assert.AreEqual($"##vso[task.uploadsummary]{summary}", log.Lines.Single());
        Assert.AreEqual(0, (await CiSummary.PublishAsync(summary, log, _ => null, CancellationToken.None)).Count);
    }

    [TestMethod]
    public async Task A_report_folder_that_cannot_be_written_is_a_warning_per_file_and_nothing_else()
    {
        // A file where the folder should be: refused even to root (a read-only folder is not, in containers).
        var blocker = Path.Combine(TempFolders.New("perfgate-blocked-"), "reports");
        await File.WriteAllTextAsync(blocker, "not a folder");

        var (written, problems) = await ReportSet.WriteAsync(blocker, ReportFormats.Markdown | ReportFormats.Sarif, ReportData.Mixed(), ReportData.Description(), CancellationToken.None);

        Assert.AreEqual(0, written.Count);
        Assert.AreEqual(3, problems.Count, string.Join("\n", problems.Select(p => p.Message)));
        Assert.IsTrue(problems.All(p => p.Code == "PG1020"));
        StringAssert.Contains(problems[0].Message, $"Could not write the report perfgate-summary.md to {blocker}: ");
    }

    [TestMethod]
    public async Task A_format_switched_off_has_its_old_file_removed()
    {
        var directory = TempFolders.New("perfgate-reports-");
        await ReportSet.WriteAsync(directory, ReportFormats.All, ReportData.Mixed(), ReportData.Description(), CancellationToken.None);

        var (written, _) = await ReportSet.WriteAsync(directory, ReportFormats.Csv, ReportData.Mixed(), ReportData.Description(), CancellationToken.None);

        CollectionAssert.AreEqual(new[] { Path.Combine(directory, ReportSet.CsvFile) }, written.ToArray());
        CollectionAssert.AreEquivalent(new[] { ReportSet.CsvFile }, Directory.GetFiles(directory).Select(Path.GetFileName).ToArray());
    }

    private sealed class RecordingLog : IGateLog
    {
        public List<string> Lines { get; } = [];

        public void Detail(string message)
        {
        }

        public void Progress(string message)
        {
        }

        public void Summary(string message) => Lines.Add(message);
    }

    private static async Task<string> GitAsync(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["-c", "user.name=T", "-c", "user.email=t@t.invalid", "-c", "commit.gpgsign=false", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var git = Process.Start(start)!;
        var output = await git.StandardOutput.ReadToEndAsync();
        await git.WaitForExitAsync();
        Assert.AreEqual(0, git.ExitCode, string.Join(' ', arguments));
        return output;
    }
}
