using System.CommandLine;
using System.Diagnostics;
using PerfGate.Configuration;
using PerfGate.Diagnostics;
using PerfGate.History;
using PerfGate.Locations;
using PerfGate.Reports;
using PerfGate.Statistics;
using PerfGate.Verdicts;

namespace PerfGate.Tool.Commands;

/// <summary>
/// <c>perfgate compare &lt;baseline&gt; &lt;current&gt;</c>: the gate without MSBuild. The same rules, budgets, summary,
/// findings and report files as a gated build; exit code 0 PASS, 1 WARN, 2 FAIL, 3 BLOCK (or 0/1 with --fail-on).
/// Without the build there are no confirmation runs: the verdict is the first round's.
/// </summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var baseline = new Argument<string>("baseline") { Description = "A perfgate.baseline.json, or BenchmarkDotNet full JSON report(s): a file or a folder." };
        var current = new Argument<string>("current") { Description = "BenchmarkDotNet full JSON report(s) of the run to judge: a file or a folder (searched for *-report-full.json)." };
        var config = SharedOptions.Config();
        var reportDir = new Option<string>("--report-dir") { Description = "Write the report files (summary, HTML, JUnit, SARIF, CSV, report.json) into this folder." };
        var reports = new Option<string>("--reports") { Description = $"Which report files to write: {ReportFormatList.Names}; separated by ',' or ';'. Default: all.", DefaultValueFactory = _ => "all" };
        var failOn = new Option<string>("--fail-on") { Description = "Exit 1 when the verdict reaches this level (warn, fail or block), else 0; without it the exit code is the verdict (0-3)." };
        failOn.AcceptOnlyFromAmong("warn", "fail", "block");
        var history = new Option<string>("--history") { Description = "Append this comparison to a run history file (JSON Lines)." };

        var command = new Command("compare", "Compare BenchmarkDotNet results with a baseline under the budgets of perfgate.json; exit 0 PASS, 1 WARN, 2 FAIL, 3 BLOCK.")
        {
            baseline, current, config, reportDir, reports, failOn, history,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var clock = Stopwatch.StartNew();
            var formats = ReportFormatList.Parse(parse.GetValue(reports)!.Replace(',', ';'))
                ?? throw new UsageException($"--reports: '{parse.GetValue(reports)}' is not a list of {ReportFormatList.Names}");
            var baselinePath = Path.GetFullPath(parse.GetValue(baseline)!);
            var currentPath = Path.GetFullPath(parse.GetValue(current)!);
            var gateConfig = await SharedOptions.ReadConfigAsync(parse.GetValue(config), cancellation);
            // Both sides read at once, each on a thread of its own: large reports take a while to parse.
            var readingBaseline = Task.Run(() => ResultInputs.ReadBaselineAsync(baselinePath, cancellation), cancellation);
            var readingRun = Task.Run(() => ResultInputs.ReadRunAsync(currentPath, cancellation), cancellation);
            var (reference, isBaselineFile) = await readingBaseline;
            var run = await readingRun;

            var locator = new FileEntryLocator(File.Exists(baselinePath) ? baselinePath : string.Empty, gateConfig, new SourceLocation(currentPath, 0, 0));
            var request = new GateRequest(run, reference, baselinePath, gateConfig, RunWasFiltered: false, Recording: false, FailOnRegression: true,
                new ToolAcceptCommands(isBaselineFile ? parse.GetValue(baseline)! : Baselines.Baseline.DefaultFileName, parse.GetValue(current)!), currentPath,
                (key, _) => locator.Locate(key));
            var result = new GateEvaluator(new RobustTimeComparisonRule()).Evaluate(request);

            var name = RunName(currentPath);
            var workingFolder = Directory.GetCurrentDirectory();
            var commit = GitCommit.Of(workingFolder);
            if (parse.GetValue(history) is string historyPath)
            {
                var record = HistoryRecords.From(result, HistoryRecords.CompareKind, name, JobOf(run), commit, null, run.Environment, DateTimeOffset.UtcNow);
                await HistoryFile.AppendAsync(Path.GetFullPath(historyPath), record, cancellation: cancellation);
            }

            if (parse.GetValue(reportDir) is string directory)
            {
                var description = new RunDescription(currentPath, commit?.Root ?? workingFolder, JobOf(run), commit, null, baselinePath, run.Environment, clock.Elapsed, DateTimeOffset.UtcNow);
                var (written, problems) = await ReportSet.WriteAsync(Path.GetFullPath(directory), formats, result, description, cancellation);
                result = result with { Findings = [.. result.Findings, .. problems] };
                await ReportFile.WriteAsync(Path.Combine(Path.GetFullPath(directory), "report.json"), currentPath, result, cancellation);
            }

            return VerdictOutput.Print(result, name, parse.GetValue(failOn));
        });
        return command;
    }

    /// <summary>What the summary calls the run: the report file's or folder's name, without BenchmarkDotNet's suffix.</summary>
    private static string RunName(string currentPath)
    {
        var name = Path.GetFileName(currentPath.TrimEnd(Path.DirectorySeparatorChar));
        foreach (var suffix in new[] { Results.BenchmarkDotNetReportReader.FileSuffix, ".json" })
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }

    private static string JobOf(Results.BenchmarkRun run) =>
        run.Results.Select(r => r.Job).Distinct(StringComparer.Ordinal).FirstOrDefault() ?? "unknown";
}
