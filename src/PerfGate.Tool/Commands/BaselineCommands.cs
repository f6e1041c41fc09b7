using System.CommandLine;
using System.Globalization;
using PerfGate.Baselines;
using PerfGate.Configuration;
using PerfGate.Diagnostics;
using PerfGate.Formatting;
using PerfGate.Results;
using PerfGate.Verdicts;

namespace PerfGate.Tool.Commands;

/// <summary><c>perfgate baseline record|show|prune</c>: the committed baseline, kept without a build.</summary>
public static class BaselineCommands
{
    public static Command Create() => new("baseline", "Record, show and prune a perfgate.baseline.json.")
    {
        Record(),
        Show(),
        Prune(),
    };

    private static Command Record()
    {
        var results = new Argument<string>("results") { Description = "BenchmarkDotNet full JSON report(s): a file or a folder; each report counts as one process." };
        var baseline = SharedOptions.Baseline();
        var filter = new Option<string[]>("--filter") { Description = "Only benchmarks whose full name, or Namespace.Class.Method, matches one of these globs; every other entry is kept.", AllowMultipleArgumentsPerToken = true };
        var reason = new Option<string>("--reason") { Description = "Why the change is intended; kept in the entries recorded." };
        var config = SharedOptions.Config();
        config.Description += " Its FAIL budgets say which entries were recorded too noisy to fail a regression that large (PG0061).";
        var command = new Command("record", "Record (or re-record) baseline entries from BenchmarkDotNet results; entries of benchmarks not in them are kept.")
        {
            results, baseline, filter, reason, config,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            // Read first: a config that does not parse stops the command before the baseline is touched.
            var gateConfig = await SharedOptions.ReadConfigAsync(parse.GetValue(config), cancellation);
            var path = Path.GetFullPath(parse.GetValue(baseline)!);
            var existing = File.Exists(path) ? await BaselineFile.ReadAsync(path, cancellation) : Baseline.Empty;
            var globs = (parse.GetValue(filter) ?? []).Select(g => new GlobPattern(g)).ToArray();
            var runs = (await ResultInputs.ReadReportsAsync(parse.GetValue(results)!, cancellation))
                .Select(run => run with { Results = run.Results.Where(r => globs.Length == 0 || globs.Any(g => g.Matches(r.Key) || g.Matches(r.MethodFilter))).ToArray() })
                .ToArray();
            var recorded = runs.SelectMany(r => r.Succeeded).Select(r => r.Key).Distinct(StringComparer.Ordinal).ToArray();
            if (recorded.Length == 0)
            {
                throw new UsageException(globs.Length > 0 ? "no benchmark that succeeded matches --filter; nothing recorded" : "the results hold no benchmark that succeeded; nothing recorded");
            }

            var updated = existing.UpdatedWith(runs, parse.GetValue(reason));
            await BaselineFile.WriteAsync(path, updated, cancellation);
            Console.WriteLine($"perfgate: recorded {recorded.Length} benchmark(s) from {runs.Length} report(s) in {path} ({updated.Entries.Count} entries in all). Review and commit it.");
            // As the build's recording does: entries whose reports (processes) disagreed by the FAIL budget or more are named.
            if (BaselineResolutionRule.Judge(updated, recorded, gateConfig) is { } tooNoisy)
            {
                Console.WriteLine(FindingText.Format(tooNoisy with { Location = new SourceLocation(path, 0, 0) }));
            }

            return ExitCodes.Pass;
        });
        return command;
    }

    private static Command Show()
    {
        var baseline = SharedOptions.Baseline();
        var benchmark = SharedOptions.BenchmarkGlob();
        var command = new Command("show", "List the baseline's entries: median, processes and their spread, allocations, job, reason.") { baseline, benchmark };
        command.SetAction(async (parse, cancellation) =>
        {
            var path = Path.GetFullPath(parse.GetValue(baseline)!);
            if (!File.Exists(path))
            {
                throw new UsageException($"{path}: no such file");
            }

            var loaded = await BaselineFile.ReadAsync(path, cancellation);
            var glob = parse.GetValue(benchmark) is string g ? new GlobPattern(g) : null;
            var rows = loaded.Entries.Where(e => glob is null || glob.Matches(e.Key)).Select(e => (IReadOnlyList<string>)
            [
                e.Key,
                UnitFormat.Time(e.Value.MedianNs),
                e.Value.SamplesNs.Count.ToString(CultureInfo.InvariantCulture),
                (e.Value.ProcessMediansNs?.Count ?? 1).ToString(CultureInfo.InvariantCulture),
                e.Value.ProcessNoise.IsKnown ? $"{e.Value.ProcessNoise.Spread:0.0%}" : "-",
                e.Value.AllocatedBytes is null ? "-" : UnitFormat.Bytes(e.Value.AllocatedBytes),
                e.Value.Job,
                e.Value.Reason ?? string.Empty,
            ]).ToArray();
            Console.WriteLine($"{path}: {loaded.Entries.Count} entries, measured on {loaded.Environment.Os}, {loaded.Environment.Processor}, {loaded.Environment.Runtime}");
            Console.WriteLine(TextTable.Format(["Benchmark", "Median", "Iterations", "Processes", "Spread", "Alloc/op", "Job", "Reason"], rows, 1, 2, 3, 4, 5));
            return ExitCodes.Pass;
        });
        return command;
    }

    private static Command Prune()
    {
        var results = new Argument<string>("results") { Description = "BenchmarkDotNet full JSON report(s) of a run of every benchmark: entries of benchmarks not in them are removed." };
        var baseline = SharedOptions.Baseline();
        var dryRun = new Option<bool>("--dry-run") { Description = "Only list the entries that would be removed." };
        var command = new Command("prune", "Remove the entries of benchmarks that no longer exist (listed first).") { results, baseline, dryRun };
        command.SetAction(async (parse, cancellation) =>
        {
            var path = Path.GetFullPath(parse.GetValue(baseline)!);
            if (!File.Exists(path))
            {
                throw new UsageException($"{path}: no such file");
            }

            var loaded = await BaselineFile.ReadAsync(path, cancellation);
            var run = await ResultInputs.ReadRunAsync(parse.GetValue(results)!, cancellation);
            var existing = run.Results.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
            var gone = loaded.Entries.Keys.Where(k => !existing.Contains(k)).ToArray();
            foreach (var key in gone)
            {
                Console.WriteLine($"  {OneLine.Escape(key)}");
            }

            if (gone.Length == 0)
            {
                Console.WriteLine($"perfgate: every entry of {path} has its benchmark in the results; nothing to prune.");
                return ExitCodes.Pass;
            }

            if (parse.GetValue(dryRun))
            {
                Console.WriteLine($"perfgate: {gone.Length} entr{(gone.Length == 1 ? "y" : "ies")} would be removed from {path} (--dry-run: nothing changed).");
                return ExitCodes.Pass;
            }

            var kept = new SortedDictionary<string, BaselineEntry>(loaded.Entries.Where(e => existing.Contains(e.Key)).ToDictionary(), StringComparer.Ordinal);
            await BaselineFile.WriteAsync(path, loaded with { Entries = kept }, cancellation);
            Console.WriteLine($"perfgate: removed {gone.Length} entr{(gone.Length == 1 ? "y" : "ies")} from {path} ({kept.Count} left). Review and commit it.");
            return ExitCodes.Pass;
        });
        return command;
    }
}
