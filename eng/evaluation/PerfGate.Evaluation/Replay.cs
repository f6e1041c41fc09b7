using PerfGate.Baselines;
using PerfGate.Configuration;
using PerfGate.Diagnostics;
using PerfGate.Statistics;
using PerfGate.Verdicts;

namespace PerfGate.Evaluation;

/// <summary>
/// Judges committed trials again with this repo's rules, from their stored measurements: the first round and every
/// confirmation round the trial ran (both sides in A/B mode), with the built-in budgets, as the gate judged them. For
/// each level it counts the Work benchmarks' verdicts (every benchmark's in the A/A levels) and how many of the PASSes the
/// run itself said it could not have resolved (PG0060): a miss the build admits to, against a silent one; then the same
/// verdicts as rates with their intervals, and per level and benchmark. A verdict that
/// differs from the one the trial's report.json recorded is listed (the rules changed since, or a round is missing).
/// </summary>
internal static class Replay
{
    public static async Task<int> RunAsync(IReadOnlyList<string> folders)
    {
        // Most folders committed before 2026-12-01 kept only the scores, not the trials' measurements: nothing to replay.
        if (folders.FirstOrDefault(f => !Directory.Exists(Path.Combine(f, "trials")) || !File.Exists(Path.Combine(f, "baseline.json"))) is string unusable)
        {
            Console.Error.WriteLine($"{unusable} has no trials/ folder and baseline.json beside it: only a folder eng/evaluate.sh wrote with its trials can be replayed");
            return 2;
        }

        var evaluator = new GateEvaluator(new RobustTimeComparisonRule());
        var rows = new List<(string Level, string Benchmark, Tier Verdict, bool Named)>();
        var seconds = new List<(string Level, double Seconds)>();
        var differing = new List<string>();
        var checkedOtherwise = new List<string>();
        var unreplayable = new List<string>();
        static string Keys(string[] keys) => keys.Length == 0 ? "nothing" : string.Join(", ", keys);
        foreach (var folder in folders)
        {
            var baseline = await BaselineFile.ReadAsync(Path.Combine(folder, "baseline.json"));
            foreach (var directory in Directory.GetDirectories(Path.Combine(folder, "trials")).Order(StringComparer.Ordinal))
            {
                var trial = await Trial.ReadAsync(directory, baseline);
                if (trial.Measured.Results.Count == 0)
                {
                    continue;
                }

                seconds.Add((trial.Level, trial.Seconds));
                var check = Path.Combine(directory, "baseline-commit-check");
                var (recorded, recordedNote) = await RecordedAsync(directory);
                if (Directory.Exists(check) && !Directory.Exists(Path.Combine(check, "artifacts")))
                {
                    // Trials committed before the .gitignore kept the check's artifacts/ folder lack its first A/B run: replayed
                    // without it, the check would silently become the first run against the baseline alone. Their recorded
                    // verdicts are counted as they ran, and named.
                    unreplayable.Add($"{Path.GetFileName(folder)}/{Path.GetFileName(directory)}");
                    foreach (var (key, was) in recorded.Where(r => Judged(trial.Level, r.Key)))
                    {
                        rows.Add((trial.Level, key, TierOf(was), recordedNote.Contains(key + " (", StringComparison.Ordinal)));
                    }

                    continue;
                }

                var request = await RequestAsync(directory, trial);
                var checkRequest = Directory.Exists(check) ? await CheckRequestAsync(check, trial) : null;
                var result = checkRequest is not null
                    ? evaluator.WithBaselineCommitCheck(request, evaluator.Evaluate(checkRequest), "eval-base")
                    : evaluator.Evaluate(request);
                // A trial run under older rules may have checked other benchmarks than today's rules would: its verdicts are
                // replayed as it ran, and the trial is named so a reader does not take them for today's rules.
                if (!trial.IsAb)
                {
                    // Once anything is flagged, every other compared benchmark goes alongside (PerfGateCheckEveryBenchmark, the default since 61d7e4e).
                    var flagged = evaluator.ToCheckAgainstBaselineCommit(request);
                    var wouldCheck = flagged.Concat(flagged.Count == 0 ? [] : evaluator.AlongsideTheCheck(request, flagged))
                        .Select(c => c.Key).Order(StringComparer.Ordinal).ToArray();
                    var didCheck = (checkRequest?.Run.Results.Select(r => r.Key) ?? []).Distinct().Order(StringComparer.Ordinal).ToArray();
                    if (!wouldCheck.SequenceEqual(didCheck))
                    {
                        checkedOtherwise.Add($"{Path.GetFileName(folder)}/{Path.GetFileName(directory)}: checked {Keys(didCheck)}, today's rules would check {Keys(wouldCheck)}");
                    }
                }

                var note = result.Findings.FirstOrDefault(f => f.Rule == DiagnosticCatalog.TimeResolution)?.Message ?? string.Empty;
                foreach (var outcome in result.Outcomes.Where(o => Judged(trial.Level, o.Key)))
                {
                    var verdict = outcome.Verdict;
                    rows.Add((trial.Level, outcome.Key, verdict, note.Contains(outcome.Key + " (", StringComparison.Ordinal)));
                    if (recorded.TryGetValue(outcome.Key, out var was) && was != verdict.ToString().ToUpperInvariant())
                    {
                        differing.Add($"{Path.GetFileName(directory)} {outcome.Key}: recorded {was}, now {verdict.ToString().ToUpperInvariant()}");
                    }
                }
            }
        }

        // The wall time is the trial's as it ran (build, benchmarks, the confirmation rounds its recorded verdicts asked for).
        Console.WriteLine("| level | judgements | FAIL | WARN | PASS | PASS the run said it could not resolve (PG0060) | silent PASS | mean wall time per trial |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var level in rows.GroupBy(r => r.Level).OrderBy(g => LevelOrder(g.Key)))
        {
            var pass = level.Where(r => r.Verdict == Tier.Pass).ToArray();
            var wall = seconds.Where(s => s.Level == level.Key).Average(s => s.Seconds);
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"| {level.Key} | {level.Count()} | {level.Count(r => r.Verdict >= Tier.Fail)} | {level.Count(r => r.Verdict == Tier.Warn)} | {pass.Length} | {pass.Count(r => r.Named)} | {pass.Count(r => !r.Named)} | {wall:0.0} s |"));
        }

        // The same verdicts as rates with their 95% Wilson intervals, per level and for the groups issue 10's targets name,
        // so the target table in docs/evaluation.md is this output, not a calculation beside it.
        Console.WriteLine();
        Console.WriteLine("| level or group | FAIL | FAIL or WARN | WARN |");
        Console.WriteLine("|---|---|---|---|");
        var groups = rows.GroupBy(r => r.Level).OrderBy(g => LevelOrder(g.Key))
            .Select(g => (Name: g.Key, Rows: g.ToArray()))
            .Append((Name: "unchanged code, committed baseline (aa, aa-busy)", Rows: rows.Where(r => r.Level is "aa" or "aa-busy").ToArray()))
            .Append((Name: "unchanged code, A/B (ab-aa, ab-aa-busy)", Rows: rows.Where(r => r.Level is "ab-aa" or "ab-aa-busy").ToArray()))
            .Append((Name: "alloc, the allocating benchmark only", Rows: rows.Where(r => r.Level == "alloc" && r.Benchmark == Scorecard.AllocatingBenchmark).ToArray()));
        foreach (var (name, judged) in groups.Where(g => g.Rows.Length > 0))
        {
            Rate Share(Func<Tier, bool> which) => new(judged.Count(r => which(r.Verdict)), judged.Length);
            Console.WriteLine($"| {name} | {Share(t => t >= Tier.Fail)} | {Share(t => t >= Tier.Warn)} | {Share(t => t == Tier.Warn)} |");
        }

        // Per benchmark: the benchmarks of one level meet different noise (docs/evaluation.md, "What the +10% target
        // needs": Work.Polynomial's processes spread several times as wide as Work.Hash's on the same minutes).
        Console.WriteLine();
        Console.WriteLine("| level | benchmark | judgements | FAIL | WARN | PASS |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var cell in rows.GroupBy(r => (r.Level, r.Benchmark))
                     .OrderBy(g => LevelOrder(g.Key.Level))
                     .ThenBy(g => g.Key.Benchmark, StringComparer.Ordinal))
        {
            Console.WriteLine($"| {cell.Key.Level} | {cell.Key.Benchmark} | {cell.Count()} | {cell.Count(r => r.Verdict >= Tier.Fail)} | {cell.Count(r => r.Verdict == Tier.Warn)} | {cell.Count(r => r.Verdict == Tier.Pass)} |");
        }

        Console.WriteLine();
        var named = rows.Where(r => r.Verdict == Tier.Pass && r.Named).GroupBy(r => r.Benchmark).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}").ToArray();
        Console.WriteLine("PASSes PG0060 named, by benchmark: " + (named.Length == 0 ? "none" : string.Join(", ", named)));
        Console.WriteLine(differing.Count == 0 ? "Every verdict is the one the trial recorded." : $"{differing.Count} verdict(s) differ from the recorded ones:");
        differing.ForEach(line => Console.WriteLine("  " + line));
        if (unreplayable.Count > 0)
        {
            Console.WriteLine($"{unreplayable.Count} committed-baseline trial(s) kept no first A/B run of their check against the baseline's commit "
                + "(baseline-commit-check/artifacts/, ignored by git until 2026-12-07): counted with the verdicts they recorded, not replayed:");
            Console.WriteLine("  " + string.Join(", ", unreplayable));
        }

        if (checkedOtherwise.Count > 0)
        {
            Console.WriteLine($"{checkedOtherwise.Count} committed-baseline trial(s) checked other benchmarks against the baseline's commit than today's rules would (replayed as they ran):");
            checkedOtherwise.ForEach(line => Console.WriteLine("  " + line));
        }

        return 0;
    }

    /// <summary>Levels in the scorecard's order, any it does not know last.</summary>
    private static int LevelOrder(string level) => Array.IndexOf(Scorecard.Levels, level) is var i && i >= 0 ? i : int.MaxValue;

    /// <summary>In a level that changes the Work benchmarks only they are counted; in the others, every benchmark.</summary>
    private static bool Judged(string level, string benchmark) =>
        !level.Contains("work", StringComparison.Ordinal) || Scorecard.WorkBenchmarks.Contains(benchmark);

    private static async Task<GateRequest> RequestAsync(string directory, Trial trial)
    {
        var rounds = new List<MeasurementRound>();
        for (var round = 1; Directory.Exists(Path.Combine(directory, $"artifacts-confirmation-{round}")); round++)
        {
            var current = await Trial.ReadResultsAsync(Path.Combine(directory, $"artifacts-confirmation-{round}"));
            var baseSide = trial.IsAb ? await Trial.ReadResultsAsync(Path.Combine(directory, $"artifacts-base-confirmation-{round}")) : null;
            rounds.Add(new MeasurementRound(current, baseSide));
        }

        return new GateRequest(trial.Measured, trial.Baseline, "perfgate.baseline.json", GateConfig.BuiltIn, RunWasFiltered: false, Recording: false,
            FailOnRegression: true, new AcceptCommands("EvaluationBenchmarks.csproj"), "benchmarks.log", (_, _) => new SourceLocation("Program.cs", 0, 0),
            rounds, Base: trial.IsAb ? trial.BaseMeasured : null, BaseDescription: trial.IsAb ? "eval-base" : null, SharedCpu: SharedCpuOf(Path.Combine(directory, "turns.order")));
    }

    /// <summary>
    /// A committed-baseline trial's check against the baseline's commit (the gate's baseline-commit-check folder): the A/B run
    /// of the benchmarks the first run flagged, and its confirmation rounds, both sides.
    /// </summary>
    private static async Task<GateRequest> CheckRequestAsync(string check, Trial trial)
    {
        var rounds = new List<MeasurementRound>();
        for (var round = 1; Directory.Exists(Path.Combine(check, $"artifacts-confirmation-{round}")); round++)
        {
            rounds.Add(new MeasurementRound(
                await Trial.ReadResultsAsync(Path.Combine(check, $"artifacts-confirmation-{round}", "results")),
                await Trial.ReadResultsAsync(Path.Combine(check, $"artifacts-base-confirmation-{round}", "results"))));
        }

        return new GateRequest(await Trial.ReadResultsAsync(Path.Combine(check, "artifacts", "results")), trial.Baseline, "perfgate.baseline.json", GateConfig.BuiltIn,
            RunWasFiltered: true, Recording: false, FailOnRegression: true, new AcceptCommands("EvaluationBenchmarks.csproj"), "benchmarks.log",
            (_, _) => new SourceLocation("Program.cs", 0, 0), rounds, Base: await Trial.ReadResultsAsync(Path.Combine(check, "artifacts-base", "results")),
            BaseDescription: "eval-base", SharedCpu: SharedCpuOf(Path.Combine(check, "turns", "order")));
    }

    /// <summary>
    /// The CPU a trial's launches shared (PerfGateAbSchedule=shared-cpu), from its first round's launch order: the side
    /// whose launch ended first wrote when it began keeping the CPU busy ("spin-from"). Which CPU does not matter to the
    /// verdict, only that they ran together; null for launches that took turns.
    /// </summary>
    private static int? SharedCpuOf(string order)
    {
        return File.Exists(order) && File.ReadLines(order).Any(line => line.Contains(" spin-from ", StringComparison.Ordinal)) ? 0 : null;
    }

    /// <summary>A recorded verdict word as a level: a status word such as "improved" (reports older than the tier field) passed.</summary>
    private static Tier TierOf(string recorded) => Enum.TryParse<Tier>(recorded, ignoreCase: true, out var tier) ? tier : Tier.Pass;

    /// <summary>
    /// What the trial's report.json recorded: each benchmark's verdict (its tier, or in reports older than the tier field its
    /// verdict: PASS, WARN, FAIL, BLOCK, or a status word such as "improved"), and the PG0060 message, empty when there is none.
    /// </summary>
    private static async Task<(Dictionary<string, string> Verdicts, string TimeResolutionNote)> RecordedAsync(string directory)
    {
        var path = Path.Combine(directory, "report.json");
        if (!File.Exists(path))
        {
            return ([], string.Empty);
        }

        using var report = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(path));
        var verdicts = report.RootElement.GetProperty("benchmarks").EnumerateArray()
            .ToDictionary(b => b.GetProperty("name").GetString()!, b => (b.TryGetProperty("tier", out var tier) ? tier : b.GetProperty("verdict")).GetString()!,
                StringComparer.Ordinal);
        var note = report.RootElement.TryGetProperty("findings", out var findings)
            ? findings.EnumerateArray().Where(f => f.TryGetProperty("code", out var code) && DiagnosticCatalog.TimeResolution.AllCodes.Contains(code.GetString()))
                .Select(f => f.GetProperty("message").GetString()).FirstOrDefault() ?? string.Empty
            : string.Empty;
        return (verdicts, note);
    }
}
