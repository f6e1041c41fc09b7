namespace PerfGate.Diagnostics;

/// <summary>
/// The one table of every diagnostic PerfGate reports. docs/diagnostics.md lists the same codes; a test keeps them in step.
/// Never reuse a number: retire it and take a new one.
/// </summary>
public static class DiagnosticCatalog
{
    /// <summary>Where every code is explained; a code's anchor is its lower-case code.</summary>
    public const string DocsUrl = "https://github.com/perfgate/PerfGate.Sdk/blob/main/docs/diagnostics.md";

    private static readonly Tier[] AnyLevel = [Tier.Warn, Tier.Fail, Tier.Block];
    private static readonly Tier[] WarnOnly = [Tier.Warn];
    private static readonly Tier[] FailOnly = [Tier.Fail, Tier.Warn];
    private static readonly Tier[] BlockOnly = [Tier.Block];
    private static readonly Tier[] InfoOrWarn = [Tier.Pass, Tier.Warn];
    private static readonly Tier[] InfoOnly = [Tier.Pass];

    /// <summary>
    /// The sentence a regression's message ends with, before its accept command: the Markdown summary shows the command on a
    /// line of its own, and a regression this change already accepted (A/B mode) drops it.
    /// </summary>
    public const string AcceptLeadText = " If this is intended, accept it with: ";

    /// <summary>The same for an improvement (PG0050/PG1050): the words before the command that re-records it.</summary>
    public const string LockInLeadText = "; lock the improvement in by re-recording: ";

    // {0} benchmark, {1} baseline time, {2} current time, {3} change, {4} level, {5} budget, {6} evidence,
    // {7} confirmation (one of the Confirmation texts below, or empty), {8} accept command
    public static readonly DiagnosticRule TimeRegression = new(1, "Time regression", AnyLevel,
        "{0}: time regressed, median {1} -> {2}, estimated change {3} (Hodges-Lehmann), against the {4} budget of +{5}: {6}{7}." + AcceptLeadText + "{8}");

    // Completions of TimeRegression's {7}. ConfirmedText: {0} runs in all, {1} the changes the confirmation runs measured.
    // NotRepeatedText: {0} which confirmation run, {1} the change that run measured (which proved only the WARN level).
    public const string ConfirmedText = "; confirmed by {0} of {0} runs, each in a new process ({1} in the confirmation runs)";
    public const string NotRepeatedText = "; only a warning: confirmation run {0}, in a new process, proved only the WARN level ({1} there)";
    // ConfirmedTogetherText: {0} confirmation runs, {1} the change over all their iterations, {2} the change each measured,
    // {3} which run fell short alone: AloneWarnedText or AloneUndecidedText, {0} there the run's number.
    public const string ConfirmedTogetherText = "; confirmed by the {0} confirmation runs together, each in new processes: {1} over all their iterations ({2} in each; {3})";
    public const string AloneWarnedText = "run {0} alone proved only the WARN level";
    public const string AloneUndecidedText = "run {0} alone measured past the FAIL margin but proved no level";

    // Not a finding: what the summary row of a time FAIL says when a confirmation run did not repeat it at any level, so
    // it was dismissed as noise between processes. {0} which confirmation run, {1} the change that run measured.
    public const string DismissedText = "; dismissed as noise: it did not repeat in confirmation run {0}, in a new process ({1} there)";
    // A confirmation run that measured past the FAIL margin but proved nothing, and the runs together did not prove a FAIL:
    // {0} which confirmation run, {1} the change it measured, {2} the change over all the confirmation runs' iterations,
    // {3} the change each confirmation run measured.
    public const string UndecidedDismissedText = "; dismissed as noise: confirmation run {0}, in a new process, measured {1} but proved no level, and the confirmation runs together ({2} over all their iterations; {3} in each) did not prove a FAIL";
    public const string NotReconfirmedText = "; no confirmation run could measure it, so the first run's verdict stands";

    // A/B mode: a first run that measured past the WARN margin but proved nothing is measured again (ConfirmationPolicy).
    // WarningProvenText (a PG1001 completion) and WarningNotRepeatedText: {0} which confirmation run, {1} the change it measured.
    public const string WarningProvenText = "; the first run proved no level, so it was measured again: confirmation run {0}, in new processes of both builds, proved the WARN level ({1} there)";
    public const string WarningNotRepeatedText = "; measured again, not a warning: confirmation run {0}, in new processes of both builds, measured {1}, under the WARN margin";
    // A PG1001 whose first run proved nothing leads with how a confirmation run proved it: {0} WarningProvenText or
    // WarningProvenTogetherText without its leading "; ", {1} the first run's evidence (it begins "not proven").
    public const string ProvenWhenMeasuredAgainText = "{0}; the first run alone: {1}";
    // WarningUndecidedText: the only confirmation run left also proved nothing. {0} which run, {1} the change it measured.
    public const string WarningUndecidedText = "; measured again, not a warning: confirmation run {0}, in new processes of both builds, measured {1} and proved no level either";
    // WarningProvenTogetherText (a PG1001 completion) and WarningNotProvenTogetherText: {0} confirmation runs, {1} the change
    // over all their iterations, {2} the change each measured.
    public const string WarningProvenTogetherText = "; the first run proved no level, so it was measured again: the {0} confirmation runs together, each in new processes of both builds, proved the WARN level ({1} over all their iterations; {2} in each)";
    public const string WarningNotProvenTogetherText = "; measured again, not a warning: the {0} confirmation runs together, each in new processes of both builds, measured {1} over all their iterations ({2} in each) and proved no level";

    // A/B mode: a warning the first run proved is measured once again (ConfirmationPolicy). {0} which confirmation run, {1}
    // the change it measured. FirstWarningDismissedText is the summary row's (no finding); the other two complete PG1001.
    public const string FirstWarningDismissedText = "; dismissed as noise: measured again, confirmation run {0}, in new processes of both builds, measured {1}, under the WARN margin";
    public const string FirstWarningRepeatedText = "; confirmed by confirmation run {0}, in new processes of both builds ({1} there)";
    public const string FirstWarningPastMarginText = "; confirmation run {0}, in new processes of both builds, measured {1}, past the WARN margin again";

    // A/B mode: a first-run warning whose estimate passed the FAIL margin too, measured again in two rounds (ConfirmationPolicy).
    // FailProvenAfterWarningText and FailProvenTogetherAfterWarningText complete PG2001 and come before the first run's
    // evidence: {0} how many confirmation runs, {1} the change each measured, {2} the change over all their iterations.
    // FailNotProvenAfterWarningText completes the warning's text: {0} and {1} as above, {2} the change over all.
    public const string FailProvenAfterWarningText = "; the first run proved only the WARN level but measured past the FAIL margin, so it was measured again: each of {0} confirmation runs, in new processes of both builds, proved the FAIL level ({1} there)";
    public const string FailProvenTogetherAfterWarningText = "; the first run proved only the WARN level but measured past the FAIL margin, so it was measured again: the {0} confirmation runs together, each in new processes of both builds, proved the FAIL level ({2} over all their iterations; {1} in each)";
    public const string FailNotProvenAfterWarningText = "; not a FAIL: the {0} confirmation runs measured {1}, and together ({2} over all their iterations) did not prove the FAIL level";

    // {0} benchmark, {1} baseline bytes, {2} current bytes, {3} change, {4} level, {5} budget, {6} accept command
    public static readonly DiagnosticRule AllocationRegression = new(2, "Allocation regression", AnyLevel,
        "{0}: allocated bytes per operation rose {1} -> {2} ({3}), over the {4} budget of {5}." + AcceptLeadText + "{6}");

    // {0} benchmark, {1} current median time, {2} limit
    public static readonly DiagnosticRule TimeLimitExceeded = new(3, "Time limit exceeded", FailOnly,
        "{0}: median time {1} is over the configured maxTime of {2}");

    // {0} benchmark, {1} current bytes, {2} limit
    public static readonly DiagnosticRule AllocationLimitExceeded = new(4, "Allocation limit exceeded", FailOnly,
        "{0}: allocates {1} per operation, over the configured maxAllocatedBytes of {2}");

    // {0} benchmark, {1} baseline time, {2} current time, {3} change, {4} why
    public static readonly DiagnosticRule TimeInconclusive = new(5, "Time comparison inconclusive", WarnOnly,
        "{0}: time changed, median {1} -> {2}, estimated change {3} (Hodges-Lehmann), but the samples cannot tell a regression from noise: {4}");

    // {0} benchmark, {1} baseline time, {2} current time, {3} change, {4} what differs, {5} record command
    public static readonly DiagnosticRule TimeNotComparable = new(6, "Time not comparable with the baseline", WarnOnly,
        "{0}: time changed, median {1} -> {2}, estimated change {3} (Hodges-Lehmann), but the baseline was measured elsewhere ({4}), so time is only a warning until the baseline is re-recorded here: {5}");

    // Rule 7 (PG1007, "Benchmark method changed": a rewritten benchmark's changes were not judged) is retired: a rewritten
    // [Benchmark] method is judged like any other, and its findings end with MethodChangedText.
    public const string MethodChangedText = " The [Benchmark] method itself changed since the baseline was recorded: if its workload changed on purpose, re-record it with a reason (the accept command).";
    // The same in A/B mode, where the method is compared with the base build's, whether or not a baseline exists.
    public const string MethodChangedSinceBaseText = " The [Benchmark] method itself changed since the base: if its workload changed on purpose, accept it with a reason (the accept command).";

    // Completion of a time finding of a benchmark BenchmarkDotNet found multimodal.
    public const string MultimodalText = " BenchmarkDotNet found this benchmark's distribution multimodal (PG1008), so its median can jump between modes from run to run.";

    // Completion of a time or allocation finding in A/B mode (PerfGateCompareWith). {0} the base.
    public const string AgainstBaseText = " (A/B: compared with the base build of {0}, measured alternately with this build on this machine.)";

    // The same when both builds' launches ran together on one CPU (PerfGateAbSchedule=shared-cpu). {0} the base, {1} the CPU.
    public const string AgainstBaseSharedCpuText = " (A/B: compared with the base build of {0}, measured at the same time as this build, both sharing CPU {1}: both sides' times are about twice a lone run's.)";

    // Completion, in A/B mode, of a finding about a benchmark whose baseline entry this change re-recorded. {0} baseline file,
    // {1} the reason recorded with it.
    public const string AcceptedInChangeText = " Accepted in this change: its entry in {0} was re-recorded since the base ({1}), so this is only a warning.";

    // {0} benchmark, {1} reference P99, {2} current P99, {3} P99 change, {4} iterations past the reference's P99 plus the
    // budget, {5} iterations in all, {6} level, {7} budget, {8} accept command
    public static readonly DiagnosticRule TailRegression = new(9, "Tail latency (P99) regression", AnyLevel,
        "{0}: the slow tail rose, P99 {1} -> {2} ({3}), {4} of {5} iterations slower than the reference's P99 plus the budget, against the {6} budget of +{7} for P99." + AcceptLeadText + "{8}");

    // {0} benchmark, {1} BenchmarkDotNet's analyser, {2} its message
    public static readonly DiagnosticRule BenchmarkDotNetWarning = new(8, "BenchmarkDotNet warning", WarnOnly,
        "{0}: BenchmarkDotNet warns ({1}): {2}");

    // {0} benchmark, {1} record command
    public static readonly DiagnosticRule NewBenchmark = new(10, "Benchmark not in baseline", WarnOnly,
        "{0}: no baseline entry, so it was not compared. Record it with: {1}");

    // {0} benchmark, {1} baseline file, {2} record command
    public static readonly DiagnosticRule MissingBenchmark = new(11, "Baseline entry without benchmark", WarnOnly,
        "{0}: is in {1} but did not run. If it was removed or renamed, re-record the baseline with: {2}");

    // {0} baseline path, {1} record command
    public static readonly DiagnosticRule NoBaseline = new(12, "No baseline", WarnOnly,
        "No baseline file at {0}, so nothing was compared. Record one with: {1}");

    // {0} benchmark, {1} the base
    public static readonly DiagnosticRule NotInBase = new(13, "Benchmark not in the base build", WarnOnly,
        "{0}: the base build of {1} has no measurement of it (a new benchmark, or one the base could not run), so its time was not compared");

    // {0} benchmark, {1} the base
    public static readonly DiagnosticRule RemovedSinceBase = new(14, "Benchmark removed since the base", WarnOnly,
        "{0}: ran in the base build of {1} but not in this build: it was removed or renamed in this change");

    // {0} exit code, {1} log path, {2} output tail
    public static readonly DiagnosticRule BenchmarkProcessFailed = new(100, "Benchmark process failed", BlockOnly,
        "The benchmark process failed (exit code {0}). Full output: {1}. Last lines:{2}");

    // {0} results folder, {1} log path
    public static readonly DiagnosticRule NoResults = new(101, "No benchmark results", BlockOnly,
        "The benchmark run produced no results in {0}: no [Benchmark] methods were found or all were filtered out. Full output: {1}");

    // {0} benchmark, {1} log path
    public static readonly DiagnosticRule BenchmarkFailed = new(102, "Benchmark failed to run", BlockOnly,
        "{0}: produced no measurements (it threw, or BenchmarkDotNet rejected it). Look for the exception in {1}");

    // {0} path, {1} problem
    public static readonly DiagnosticRule BaselineUnreadable = new(103, "Baseline file unreadable", BlockOnly,
        "The baseline file {0} cannot be read: {1}. It was left untouched; fix it, or delete it and record a new one");

    // {0} path, {1} problem
    public static readonly DiagnosticRule ConfigUnreadable = new(104, "Config file unreadable", BlockOnly,
        "The config file {0} cannot be read: {1}");

    // {0} exception message
    public static readonly DiagnosticRule InternalError = new(105, "PerfGate internal error", BlockOnly,
        "PerfGate failed unexpectedly: {0}. Please report this with the build log");

    // {0} benchmark results file, {1} problem
    public static readonly DiagnosticRule ResultsUnreadable = new(106, "Benchmark results unreadable", BlockOnly,
        "The benchmark results file {0} cannot be read: {1}");

    // {0} property, {1} what it must be, {2} value given
    public static readonly DiagnosticRule InvalidProperty = new(107, "Invalid PerfGate property", BlockOnly,
        "The property {0} must be {1}, not '{2}'");

    // {0} how many benchmarks, {1} their names, {2} the first build error, {3} log path
    public static readonly DiagnosticRule BenchmarkBuildFailed = new(108, "BenchmarkDotNet could not build the benchmarks", BlockOnly,
        "BenchmarkDotNet's own Release build of the benchmark project failed, so {0} benchmark(s) did not run ({1}). First error: {2}. Full output: {3}");

    // {0} what ran too long, {1} the timeout, {2} log path
    public static readonly DiagnosticRule BenchmarkTimedOut = new(109, "Benchmark timed out", BlockOnly,
        "{0} ran longer than the timeout of {1}, so PerfGate stopped the benchmark process and every process it started. Its last output is in {2}. If it is only slow, raise the limit with -p:PerfGateBenchmarkTimeout=<minutes>");

    // {0} path, {1} problem, {2} what happened to the measurements
    public static readonly DiagnosticRule BaselineNotWritable = new(110, "Baseline file not writable", BlockOnly,
        "The baseline file {0} cannot be written: {1}. {2}");

    // {0} the signal
    public static readonly DiagnosticRule RunStopped = new(111, "Benchmark run stopped", BlockOnly,
        "The benchmark run was stopped by {0}: PerfGate stopped the benchmark process and every process it started, recorded nothing, and the build does not pass");

    // {0} what the lock is for, {1} the problem, {2} the fix
    public static readonly DiagnosticRule RunLockUnavailable = new(112, "Run lock unavailable", BlockOnly,
        "PerfGate could not take the lock that {0}: {1}. {2}");

    // {0} the problem, {1} the fix
    public static readonly DiagnosticRule BaseNotAvailable = new(113, "A/B base not available", BlockOnly,
        "PerfGateCompareWith cannot get the base to compare with: {0}. {1}");

    // {0} the base, {1} the project's path in the repository
    public static readonly DiagnosticRule BaseProjectMissing = new(114, "A/B base has no such project", BlockOnly,
        "The base {0} has no project at {1}, so there is nothing to compare with. Compare with a later base (PerfGateCompareWith), or gate this change against the committed baseline by leaving PerfGateCompareWith out");

    // {0} the base, {1} the base build's first error, {2} its full output
    public static readonly DiagnosticRule BaseBuildFailed = new(115, "A/B base does not build", BlockOnly,
        "The base {0} does not build, so there is nothing to compare with. First error: {1}. Full output: {2}");

    // {0} benchmark, {1} current P99 time, {2} iterations, {3} limit
    public static readonly DiagnosticRule TailLimitExceeded = new(30, "P99 limit exceeded", FailOnly,
        "{0}: P99 time {1} (of {2} iterations) is over the configured maxP99 of {3}");

    // {0} report file name, {1} folder, {2} why
    public static readonly DiagnosticRule ReportNotWritten = new(20, "Report not written", WarnOnly,
        "Could not write the report {0} to {1}: {2}. The verdict stands; set PerfGateReportDirectory to a folder the build can write");

    // {0} benchmark, {1} change, {2} runs in the window, {3} runs before them, {4} median before, {5} median of the window,
    // {6} level, {7} budget, {8} where the shift began (run, date, commit), {9} evidence, {10} history file
    public static readonly DiagnosticRule Drift = new(40, "Drift over the run history", AnyLevel,
        "{0}: drifted {1} over the last {2} runs against the {3} runs before them (median {4} -> {5}), past the {6} drift budget of +{7}; the shift began at {8}: {9}. History: {10}");

    // {0} what is wrong with the set of shard reports (missing shards, a shard given twice, different shard counts)
    public static readonly DiagnosticRule ShardsIncomplete = new(116, "Shard reports incomplete", BlockOnly,
        "The shard reports do not make up one suite: {0}. A merged verdict would leave benchmarks out; merge the report.json of every shard (PerfGateShard=1/n to n/n) of one run");

    // {0} history file, {1} why
    public static readonly DiagnosticRule HistoryNotWritten = new(41, "Run history not written", WarnOnly,
        "Could not append this run to the history {0}: {1}. The verdict stands; set PerfGateHistoryFile to a file the build can write, or PerfGateHistory=false");

    // {0} history file, {1} how many lines, {2} the first problems (line numbers and why)
    public static readonly DiagnosticRule HistoryLinesSkipped = new(42, "Run history lines skipped", WarnOnly,
        "The history {0} has {1} line(s) that could not be read, skipped (the rest is used): {2}. Fix or remove those lines");

    // {0} benchmark, {1} what improved (faster with the test's evidence, allocates less), {2} the command that re-records it
    public static readonly DiagnosticRule Improvement = new(50, "Improvement not in the baseline", InfoOrWarn,
        "{0}: improved, {1}. The baseline still holds the old level, so a later regression back to it would pass" + LockInLeadText + "{2}");

    // {0} how many benchmarks, {1} how many were compared, {2} each with what it could have proven and its budget
    public static readonly DiagnosticRule TimeResolution = new(60, "Time budget finer than this run could resolve", InfoOnly,
        "{0} of {1} compared benchmark(s) passed the time gate, but this run could not have proven a slowdown the size of their FAIL budget, so a regression that large would have passed too: {2}. Their iterations and processes (this run's, or the baseline's recording processes) varied too much on this machine; gate on a quieter machine, measure in more processes (PerfGateLaunchCount), re-record a baseline whose processes disagreed, or set the budget to what the machine can resolve");

    // {0} how many benchmarks, {1} each with its processes' spread, the margin a FAIL must clear and its budget
    public static readonly DiagnosticRule BaselineResolution = new(61, "Baseline recorded too noisy for the FAIL budget", InfoOnly,
        "{0} benchmark(s) were recorded in processes so far apart that a slowdown of their FAIL budget would not fail against this baseline, however quiet the run: {1}. Record them again before committing, when nothing else runs on the machine (the recording measures each in new processes), or set the budget to what the machine can resolve");

    // {0} how many benchmarks, {1} which, each with why it was to be checked, {2} why the baseline's commit could not be measured
    public static readonly DiagnosticRule BaselineCommitNotChecked = new(62, "Not checked against the baseline's commit", InfoOnly,
        "{0} benchmark(s) to measure again beside the commit that recorded the committed baseline ({1}) were judged against the baseline alone: {2}. A slow phase of this machine since the recording can fail such a run, and a baseline recorded too noisy can pass a regression; set PerfGateCheckBaselineCommit=false to skip the check, or gate in A/B mode (PerfGateCompareWith)");

    // The check against the baseline's commit (Gate): {0} the change the first run measured against the committed baseline,
    // {1} how sure that was (SettledTime.Confidence), {2} the commit. EvidenceText begins the summary row's evidence; FindingText
    // ends a time finding the check made.
    public const string BaselineCommitEvidenceText = "against the committed baseline the first run measured {0}, {1}; so it was measured again beside {2}: ";
    // The same for a benchmark the first run did not flag, measured beside the baseline's commit with those it did (PerfGateCheckEveryBenchmark).
    public const string BaselineCommitAlongsideEvidenceText = "against the committed baseline the first run measured {0}, {1}; it was measured again beside {2} alongside the benchmarks checked there: ";
    // Ends a checked row's confidence in the reports (after the check's own, "proven (p<0.01)" say).
    public const string CheckedConfidenceText = "measured again beside the baseline's commit";
    public const string BaselineCommitFindingText = " The first run measured {0} against the committed baseline, {1}; this verdict is from measuring it again beside the code that recorded the baseline.";

    /// <summary>Numbers of retired rules: never to be given to another rule.</summary>
    public static IReadOnlyList<int> RetiredNumbers { get; } = [7];

    /// <summary>Every rule, in number order.</summary>
    public static IReadOnlyList<DiagnosticRule> All { get; } =
    [
        TimeRegression, AllocationRegression, TimeLimitExceeded, AllocationLimitExceeded, TimeInconclusive, TimeNotComparable, BenchmarkDotNetWarning,
        TailRegression, NewBenchmark, MissingBenchmark, NoBaseline, NotInBase, RemovedSinceBase, ReportNotWritten, TailLimitExceeded,
        Drift, HistoryNotWritten, HistoryLinesSkipped, Improvement, TimeResolution, BaselineResolution, BaselineCommitNotChecked, BenchmarkProcessFailed, NoResults, BenchmarkFailed, BaselineUnreadable, ConfigUnreadable, InternalError, ResultsUnreadable,
        InvalidProperty, BenchmarkBuildFailed, BenchmarkTimedOut, BaselineNotWritable, RunStopped, RunLockUnavailable,
        BaseNotAvailable, BaseProjectMissing, BaseBuildFailed, ShardsIncomplete,
    ];

    /// <summary>The rule and tier of a code such as PG2001; null for a code this table does not have.</summary>
    public static (DiagnosticRule Rule, Tier Tier)? Find(string code)
    {
        if (code.Length != 6 || !code.StartsWith("PG", StringComparison.Ordinal)
            || !int.TryParse(code.AsSpan(3), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        var tier = (Tier)(code[2] - '0');
        var rule = All.FirstOrDefault(r => r.Number == number);
        return rule is not null && rule.Tiers.Contains(tier) ? (rule, tier) : null;
    }

    /// <summary>The link to a code's explanation.</summary>
    public static string HelpLink(string code) => $"{DocsUrl}#{code.ToLowerInvariant()}";
}
