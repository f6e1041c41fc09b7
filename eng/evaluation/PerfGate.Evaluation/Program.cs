using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PerfGate.Baselines;
using PerfGate.Results;
using PerfGate.Evaluation;

// Usage: PerfGate.Evaluation <output folder> [more folders of the same job...]
//        PerfGate.Evaluation --replay <folder> [more folders...]   (judges the stored measurements again with this repo's rules)
// The first folder gets summary.json and evaluation.md; the trials of every folder are scored together, each against its
// own baseline, so a long evaluation can be run in parts (by level, on different days) and merged.
if (args.Length > 1 && args[0] == "--replay" && args.Skip(1).All(Directory.Exists))
{
    return await Replay.RunAsync(args[1..]);
}

if (args.Length < 1 || args.Any(a => !Directory.Exists(a)))
{
    Console.Error.WriteLine("usage: PerfGate.Evaluation <folder eng/evaluate.sh wrote> [more such folders...]");
    return 2;
}

var folder = args[0];
var jobFile = Path.Combine(folder, "job.txt");
var job = File.Exists(jobFile) ? (await File.ReadAllTextAsync(jobFile)).Trim() : "default";
var trials = new List<Trial>();
foreach (var part in args)
{
    var partJob = File.Exists(Path.Combine(part, "job.txt")) ? (await File.ReadAllTextAsync(Path.Combine(part, "job.txt"))).Trim() : "default";
    if (partJob != job)
    {
        Console.Error.WriteLine($"{part} was run with the '{partJob}' job, {folder} with '{job}': only runs of one job can be merged");
        return 2;
    }

    var partBaseline = await BaselineFile.ReadAsync(Path.Combine(part, "baseline.json"));
    foreach (var directory in Directory.GetDirectories(Path.Combine(part, "trials")).Order(StringComparer.Ordinal))
    {
        trials.Add(await Trial.ReadAsync(directory, partBaseline));
    }
}

var baseline = trials.Count > 0 ? trials[0].Baseline : await BaselineFile.ReadAsync(Path.Combine(folder, "baseline.json"));
IEvaluatedRule[] rules = [new PerfGateRule(), new RatioOfMeansRule(10), new RatioOfMeansRule(200), new ResultsComparerRule()];
var cards = rules.Select(r => new Scorecard(r, trials)).ToArray();
var levels = trials.GroupBy(t => t.Level).OrderBy(g => Array.IndexOf(Scorecard.Levels, g.Key) is var i && i >= 0 ? i : int.MaxValue).ToArray();

await File.WriteAllTextAsync(Path.Combine(folder, "summary.json"), SummaryJson(cards, levels, job, baseline));
await File.WriteAllTextAsync(Path.Combine(folder, "evaluation.md"), SummaryMarkdown(cards, levels, job, baseline));
Console.WriteLine(SummaryMarkdown(cards, levels, job, baseline));
return 0;

static string SummaryJson(Scorecard[] cards, IGrouping<string, Trial>[] levels, string job, Baseline baseline)
{
    static JsonNode? Value(Rate rate) => rate.Value is double v ? JsonValue.Create(Math.Round(v, 4)) : null;
    static JsonObject Counted(Rate rate) => new()
    {
        ["hits"] = rate.Hits,
        ["total"] = rate.Total,
        ["wilson95"] = rate.Wilson95 is var (low, high) ? new JsonArray(Math.Round(low, 4), Math.Round(high, 4)) : null,
    };

    var rules = new JsonObject();
    foreach (var card in cards)
    {
        var rates = new (string Name, Rate Rate)[]
        {
            ("aa_false_fail_rate", card.AaFalseFail), ("aa_false_warn_rate", card.AaFalseWarn), ("aa_busy_false_fail_rate", card.AaBusyFalseFail),
            ("alloc_detect_rate", card.AllocDetect), ("alloc_false_rate", card.AllocFalse), ("otherjob_time_fail_rate", card.OtherJobTimeFail),
            ("detect_fail_rate_10_busy", card.DetectFail("work10-busy")), ("unchanged_false_time_fail_rate", card.UnchangedFalseTimeFail),
            ("aa_builds_failed_rate", card.AaBuildsFailed),
            ("ab_aa_false_fail_rate", card.AbFalseFail), ("ab_aa_false_warn_rate", card.AbFalseWarn),
            ("ab_unchanged_false_time_fail_rate", card.AbUnchangedFalseTimeFail),
            ("ab_detect_warn_or_fail_rate_5", card.DetectWarnOrFail("ab-work5")), ("ab_detect_fail_rate_10", card.DetectFail("ab-work10")), ("ab_detect_fail_rate_20", card.DetectFail("ab-work20")),
            ("ab_busy_false_fail_rate", card.AbBusyFalseFail), ("ab_busy_false_warn_rate", card.AbBusyFalseWarn), ("ab_detect_fail_rate_10_busy", card.DetectFail("ab-work10-busy")),
            ("slower_machine_false_fail_rate", card.SlowerFalseFail("aa-slower")), ("ab_slower_machine_false_fail_rate", card.SlowerFalseFail("ab-aa-slower")),
            ("ab_slower_machine_false_warn_rate", card.SlowerFalseWarn("ab-aa-slower")),
        };
        var rule = new JsonObject();
        foreach (var (name, rate) in rates)
        {
            rule[name] = Value(rate);
        }

        rule["detect_fail_rate"] = new JsonObject { ["5"] = Value(card.DetectFail("work5")), ["10"] = Value(card.DetectFail("work10")), ["20"] = Value(card.DetectFail("work20")) };
        rule["detect_warn_or_fail_rate"] = new JsonObject { ["5"] = Value(card.DetectWarnOrFail("work5")), ["10"] = Value(card.DetectWarnOrFail("work10")), ["20"] = Value(card.DetectWarnOrFail("work20")) };
        rule["suite_of_20_false_fail"] = card.SuiteOf20FalseFail is var (estimate, _) ? Math.Round(estimate, 4) : null;
        rule["suite_of_20_false_fail_upper95"] = card.SuiteOf20FalseFail is var (_, upper) ? Math.Round(upper, 4) : null;
        var counts = new JsonObject();
        foreach (var (name, rate) in rates.Concat([("detect_fail_rate_5", card.DetectFail("work5")), ("detect_fail_rate_10", card.DetectFail("work10")), ("detect_fail_rate_20", card.DetectFail("work20"))]))
        {
            counts[name] = Counted(rate);
        }

        rule["counts"] = counts;
        rules[card.Rule] = rule;
    }

    var trialSummary = new JsonObject { ["job"] = job };
    foreach (var level in levels)
    {
        trialSummary[level.Key] = new JsonObject
        {
            ["count"] = level.Count(),
            ["mean_seconds"] = Math.Round(level.Average(t => t.Seconds), 1),
            ["failed_builds"] = level.Count(t => t.ExitCode != 0),
            ["work_time_change_median"] = WorkTimeChange(level) is double change ? Math.Round(change, 4) : null,
        };
    }

    return new JsonObject { ["trials"] = trialSummary, ["rules"] = rules }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
}

static string SummaryMarkdown(Scorecard[] cards, IGrouping<string, Trial>[] levels, string job, Baseline baseline)
{
    var text = new StringBuilder();
    text.AppendLine(CultureInfo.InvariantCulture, $"# PerfGate evaluation ({job} job)").AppendLine();
    text.AppendLine("Rates per benchmark and trial, with 95% Wilson intervals. FAIL means the rule would fail the build.").AppendLine();
    text.AppendLine("| measure | " + string.Join(" | ", cards.Select(c => c.Rule)) + " |");
    text.AppendLine("|---|" + string.Concat(cards.Select(_ => "---|")));
    void Row(string name, Func<Scorecard, string> cell) => text.AppendLine($"| {name} | " + string.Join(" | ", cards.Select(cell)) + " |");
    Row("false FAIL, unchanged code (quiet + busy)", c => c.AaFalseFail.ToString());
    Row("false FAIL, unchanged code, busy neighbour", c => c.AaBusyFalseFail.ToString());
    Row("false WARN, unchanged code", c => c.AaFalseWarn.ToString());
    Row("false time FAIL, every benchmark a trial left unchanged (all levels but other-job)", c => c.UnchangedFalseTimeFail.ToString());
    Row("builds of unchanged code (3 benchmarks) that fail", c => c.AaBuildsFailed.ToString());
    Row("suite of 20 benchmarks on unchanged code: builds with a false FAIL (from the line above but one; upper 95% bound)",
        c => c.SuiteOf20FalseFail is var (estimate, upper) ? string.Create(CultureInfo.InvariantCulture, $"{estimate:0.0%} (up to {upper:0.0%})") : "n/a");
    Row("+5% work detected as FAIL", c => c.DetectFail("work5").ToString());
    Row("+5% work reported (WARN or FAIL)", c => c.DetectWarnOrFail("work5").ToString());
    Row("+10% work detected as FAIL", c => c.DetectFail("work10").ToString());
    Row("+10% work detected as FAIL, busy neighbour", c => c.DetectFail("work10-busy").ToString());
    Row("+20% work detected as FAIL", c => c.DetectFail("work20").ToString());
    Row("one extra allocation detected as FAIL", c => c.AllocDetect.ToString());
    Row("false allocation finding", c => c.AllocFalse.ToString());
    Row("time FAIL against a baseline of other job settings (+20% work)", c => c.OtherJobTimeFail.ToString());
    Row("A/B: false FAIL, unchanged code against its base commit", c => c.AbFalseFail.ToString());
    Row("A/B: false WARN, unchanged code against its base commit", c => c.AbFalseWarn.ToString());
    Row("A/B: false time FAIL, every benchmark a trial left unchanged", c => c.AbUnchangedFalseTimeFail.ToString());
    Row("A/B: +5% work reported (WARN or FAIL)", c => c.DetectWarnOrFail("ab-work5").ToString());
    Row("A/B: +10% work detected as FAIL", c => c.DetectFail("ab-work10").ToString());
    Row("A/B: +20% work detected as FAIL", c => c.DetectFail("ab-work20").ToString());
    Row("A/B: false FAIL, unchanged code, busy neighbour", c => c.AbBusyFalseFail.ToString());
    Row("A/B: false WARN, unchanged code, busy neighbour", c => c.AbBusyFalseWarn.ToString());
    Row("A/B: +10% work detected as FAIL, busy neighbour", c => c.DetectFail("ab-work10-busy").ToString());
    Row("slower machine, unchanged code: time FAIL against the committed baseline", c => c.SlowerFalseFail("aa-slower").ToString());
    Row("slower machine, unchanged code: time FAIL in A/B mode", c => c.SlowerFalseFail("ab-aa-slower").ToString());
    Row("slower machine, unchanged code: time WARN in A/B mode", c => c.SlowerFalseWarn("ab-aa-slower").ToString());
    text.AppendLine().AppendLine("| level | trials | mean wall time per trial (build, benchmarks, confirmation) | builds that failed | Work benchmarks' median time change, first run |").AppendLine("|---|---|---|---|---|");
    foreach (var level in levels)
    {
        var change = WorkTimeChange(level) is double c ? string.Create(CultureInfo.InvariantCulture, $"{c:+0.0%;-0.0%;0.0%}") : "n/a";
        text.AppendLine(CultureInfo.InvariantCulture, $"| {level.Key} | {level.Count()} | {level.Average(t => t.Seconds):0.0} s | {level.Count(t => t.ExitCode != 0)} | {change} |");
    }

    text.AppendLine().AppendLine("Unchanged benchmarks, first run: time change against the baseline (median over median)").AppendLine();
    text.AppendLine("| benchmark | judgements | lowest | highest | at +40% or more |").AppendLine("|---|---|---|---|---|");
    foreach (var key in baseline.Entries.Keys)
    {
        var changes = levels.SelectMany(l => l).Where(t => Scorecard.Unchanged(t.Level, key))
            .SelectMany(t => t.Measured.Succeeded.Where(r => r.Key == key).Select(r => MedianRatio(t, r) - 1))
            .OfType<double>()
            .ToArray();
        if (changes.Length > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {key} | {changes.Length} | {changes.Min():+0.0%;-0.0%;0.0%} | {changes.Max():+0.0%;-0.0%;0.0%} | {changes.Count(c => c >= 0.4)} |");
        }
    }

    return text.ToString();
}

// What the knob did to the Work benchmarks' time in this level's first runs (the median over trials and both benchmarks
// of current median over baseline median), so detection rates can be read against the change actually measured.
static double? WorkTimeChange(IEnumerable<Trial> trials)
{
    var ratios = trials
        .SelectMany(t => t.Measured.Succeeded.Where(r => Scorecard.WorkBenchmarks.Contains(r.Key)).Select(r => MedianRatio(t, r)))
        .OfType<double>()
        .ToArray();
    return ratios.Length == 0 ? null : BaselineEntry.Median(ratios) - 1;
}

// A first run's median time over its reference's median (the baseline's, or the base build's in A/B mode): the "median
// over median" both tables report.
static double? MedianRatio(Trial trial, BenchmarkResult result) =>
    trial.Reference(result.Key) is BaselineEntry reference ? BaselineEntry.Median(result.SamplesNs) / reference.MedianNs : null;
