using PerfGate.BaseBuilds;
using PerfGate.Diagnostics;
using PerfGate.Statistics;
using PerfGate.Configuration;
using PerfGate.Verdicts;
using static PerfGate.Core.Tests.TestData;

namespace PerfGate.Core.Tests;

/// <summary>
/// The check of a slowdown against the committed baseline's own commit: which commit that is (real git repositories),
/// which benchmarks are checked, and how the check's A/B verdicts replace the first run's.
/// </summary>
[TestClass]
public sealed class BaselineCommitTests
{
    [TestMethod]
    public async Task The_commit_is_the_one_that_last_changed_the_baseline_not_a_later_one()
    {
        var repo = await RepositoryAsync();
        var recorded = await GitAsync(repo, "rev-parse", "HEAD~1");

        var (commit, whyNot, _) = await BaselineCommit.FindAsync(Path.Combine(repo, "bench"), Path.Combine(repo, "bench", "perfgate.baseline.json"), CancellationToken.None);

        Assert.IsNull(whyNot);
        Assert.AreEqual(recorded, commit!.Sha);
        Assert.AreEqual($"the last commit of perfgate.baseline.json ({recorded[..10]})", commit.Description);
    }

    [TestMethod]
    public async Task A_baseline_changed_in_the_working_tree_or_never_committed_or_outside_git_has_no_commit()
    {
        var repo = await RepositoryAsync();
        var baseline = Path.Combine(repo, "bench", "perfgate.baseline.json");
        await File.WriteAllTextAsync(baseline, "{ \"re-recorded\": true }");
        var modified = await BaselineCommit.FindAsync(repo, baseline, CancellationToken.None);
        var untracked = await BaselineCommit.FindAsync(repo, Path.Combine(repo, "bench", "other.baseline.json"), CancellationToken.None);
        var outside = TempFolders.New("perfgate-nogit-");
        var noGit = await BaselineCommit.FindAsync(outside, Path.Combine(outside, "perfgate.baseline.json"), CancellationToken.None);

        Assert.IsNull(modified.Commit);
        StringAssert.Contains(modified.WhyNot, "has changes that are not committed");
        Assert.IsNull(untracked.Commit);
        StringAssert.Contains(untracked.WhyNot, "is not in the repository's history");
        Assert.IsNull(noGit.Commit);
        StringAssert.Contains(noGit.WhyNot, "not in a git repository");
        Assert.IsFalse(modified.IsNotable || untracked.IsNotable || noGit.IsNotable, "ordinary setups are no finding");
    }

    [TestMethod]
    public async Task A_shallow_clone_cut_at_the_commit_that_seems_to_add_the_baseline_says_to_fetch_the_history()
    {
        // In a clone of depth 1 the only commit looks like it added every file: A/B against it would compare the change with itself.
        var repo = await RepositoryAsync();
        var clone = Path.Combine(TempFolders.New("perfgate-shallow-"), "clone");
        await GitAsync(Path.GetDirectoryName(clone)!, "clone", "-q", "--depth", "1", "file://" + repo, clone);

        var (commit, whyNot, notable) = await BaselineCommit.FindAsync(Path.Combine(clone, "bench"), Path.Combine(clone, "bench", "perfgate.baseline.json"), CancellationToken.None);

        Assert.IsNull(commit);
        Assert.IsTrue(notable);
        StringAssert.Contains(whyNot, "fetch-depth: 0");
    }

    [TestMethod]
    public void Every_slowdown_past_the_WARN_margin_is_checked_and_nothing_else()
    {
        var baseline = Baseline(Result("Fails", 100), Result("Warns", 100), Result("Same", 100));
        var run = Run(Result("Fails", 130), Result("Warns", 104), Result("Same", 100));
        var evaluator = new GateEvaluator(new RobustTimeComparisonRule());

        var checkedKeys = evaluator.ToCheckAgainstBaselineCommit(Request(run, baseline));

        CollectionAssert.AreEquivalent(new[] { "Sample.Work.Fails", "Sample.Work.Warns" }, checkedKeys.Select(c => c.Key).ToArray());
        // The build log says why each is checked: its change against the baseline.
        StringAssert.StartsWith(checkedKeys.Single(c => c.Key == "Sample.Work.Fails").ToString(), "Sample.Work.Fails (+30");
        StringAssert.EndsWith(checkedKeys.Single(c => c.Key == "Sample.Work.Fails").ToString(), "% against it)");
        Assert.AreEqual(0, evaluator.ToCheckAgainstBaselineCommit(Request(run, baseline, failOnRegression: false)).Count, "a gate that fails nothing checks nothing");
        Assert.AreEqual(0, evaluator.ToCheckAgainstBaselineCommit(AbRequest(run, Run(Result("Fails", 100)), baseline)).Count, "A/B mode has its own base");
    }

    [TestMethod]
    public void A_slowdown_past_half_the_WARN_budget_is_checked_even_where_the_recorded_spread_widens_the_margin()
    {
        // Recorded in processes 4.5% apart (a FAIL can still be proven against it): the WARN margin is widened to about
        // +5.8%, so a first run at +4% proves nothing and would pass, and a real +10% measured on a faster day lands there.
        var baseline = PerfGate.Baselines.Baseline.Empty.UpdatedWith(
            [Run(Result("Wide", 100)), Run(Result("Wide", 100)), Run(Result("Wide", 104.5))], null) with { Environment = Host };
        var evaluator = new GateEvaluator(new RobustTimeComparisonRule());
        Assert.IsNull(BaselineResolutionRule.Judge(baseline, baseline.Entries.Keys, GateConfig.BuiltIn), "a baseline PG0061 does not flag");

        var measuredPlus4 = Request(Run(Result("Wide", 104)), baseline);
        Assert.AreEqual(Tier.Pass, evaluator.Evaluate(measuredPlus4).Verdict, "against the baseline alone it passes");
        var candidate = evaluator.ToCheckAgainstBaselineCommit(measuredPlus4).Single();
        StringAssert.Matches(candidate.ToString(), new System.Text.RegularExpressions.Regex(@"^Sample\.Work\.Wide \(\+[34]\.[0-9]% against it\)$"));
        Assert.AreEqual(0, evaluator.ToCheckAgainstBaselineCommit(Request(Run(Result("Wide", 102)), baseline)).Count, "+2% is under half the WARN budget");
        // A shift under the noise floor is timer resolution, however large relative to a 5 ns benchmark.
        var tiny = Baseline(Result("Tiny", 5));
        Assert.AreEqual(0, evaluator.ToCheckAgainstBaselineCommit(Request(Run(Result("Tiny", 5.2)), tiny)).Count, "+0.2 ns is below the noise floor");
    }

    [TestMethod]
    public void A_benchmark_whose_baseline_cannot_resolve_its_fail_budget_is_checked_whatever_the_first_run_measured()
    {
        // "Noisy" was recorded in three processes, one 30% slow: no +10% can fail against it (PG0061), so the first run's
        // +2% and a later run's -4% may both hide one. "Steady" was recorded in processes 2% apart and measured +2%: no check.
        var baseline = PerfGate.Baselines.Baseline.Empty.UpdatedWith(
            [Run(Result("Noisy", 100), Result("Steady", 100)), Run(Result("Noisy", 100), Result("Steady", 101)), Run(Result("Noisy", 130), Result("Steady", 102))], null)
            with { Environment = Host };
        var evaluator = new GateEvaluator(new RobustTimeComparisonRule());
        Assert.AreEqual("PG0061", BaselineResolutionRule.Judge(baseline, baseline.Entries.Keys, GateConfig.BuiltIn)!.Code, "what the recording said");

        var slower = Request(Run(Result("Noisy", 102), Result("Steady", 103)), baseline);
        var faster = Request(Run(Result("Noisy", 96), Result("Steady", 101)), baseline);

        Assert.AreEqual(Tier.Pass, evaluator.Evaluate(slower).Verdict, "against the baseline alone it passes");
        var candidate = evaluator.ToCheckAgainstBaselineCommit(slower).Single();
        Assert.AreEqual("Sample.Work.Noisy", candidate.Key);
        // Why, as PG0061 said it at recording.
        StringAssert.Matches(candidate.Reason, new System.Text.RegularExpressions.Regex(@"^recorded in processes 30% apart, a FAIL must be proven past \+[0-9.]+%, budget \+10%$"));
        CollectionAssert.AreEqual(new[] { "Sample.Work.Noisy" }, evaluator.ToCheckAgainstBaselineCommit(faster).Select(c => c.Key).ToArray());
        Assert.AreEqual(0, evaluator.ToCheckAgainstBaselineCommit(slower with { FailOnRegression = false }).Count, "a gate that fails nothing checks nothing");
        // A spread recorded on another machine says nothing of this one: there only a slowdown past the WARN margin is checked.
        var elsewhere = baseline with { Environment = Host with { Processor = "Intel Xeon" } };
        Assert.AreEqual(0, evaluator.ToCheckAgainstBaselineCommit(slower with { Baseline = elsewhere }).Count);
    }

    [TestMethod]
    public void A_slowdown_the_machine_made_is_dismissed_by_the_check_and_a_real_one_fails_with_both_measurements_said()
    {
        // The baseline was recorded on a faster day: against it everything measures +30%. Beside the baseline's commit,
        // built and measured now, "Same" is unchanged and "Slower" is 30% slower still.
        var baseline = Baseline(Result("Same", 100, allocated: 24), Result("Slower", 100), Result("Other", 100));
        var request = Request(Run(Result("Same", 130, allocated: 48), Result("Slower", 169), Result("Other", 100)), baseline);
        var evaluator = new GateEvaluator(new RobustTimeComparisonRule());
        var check = CheckBeside(Run(Result("Same", 130, allocated: 48), Result("Slower", 169)), Run(Result("Same", 130, allocated: 24), Result("Slower", 130)), baseline);

        var first = evaluator.Evaluate(request);
        var result = evaluator.WithBaselineCommitCheck(request, check, BaselineCommitName);

        CollectionAssert.AreEquivalent(new[] { "PG2001", "PG2001", "PG2002" }, Codes(first), "against the baseline alone both fail");
        CollectionAssert.AreEquivalent(new[] { "PG2001", "PG2002" }, Codes(result));
        var time = result.Findings.Single(f => f.Code == "PG2001");
        Assert.AreEqual("Sample.Work.Slower", time.Benchmark);
        StringAssert.Contains(time.Message, "compared with the base build of the last commit of perfgate.baseline.json (1a2b3c4d5e)");
        StringAssert.Contains(time.Message, "The first run measured +69");
        StringAssert.Contains(time.Message, "against the committed baseline");
        // The allocation is still judged against the baseline, where it was recorded.
        Assert.AreEqual("Sample.Work.Same", result.Findings.Single(f => f.Code == "PG2002").Benchmark);

        var same = result.Outcomes.Single(o => o.Key == "Sample.Work.Same");
        Assert.AreEqual(Tier.Fail, same.Verdict, "its allocation still fails");
        Assert.AreEqual(100, same.BaselineMedianNs!.Value, 1, "the row's figures stay the first run's against the baseline");
        Assert.AreEqual(24, same.BaselineAllocatedBytes);
        StringAssert.StartsWith(same.TimeEvidence, "against the committed baseline the first run measured +30");
        StringAssert.Contains(same.TimeEvidence, "so it was measured again beside the last commit of perfgate.baseline.json (1a2b3c4d5e): ");
        Assert.AreEqual("within budget, measured again beside the baseline's commit", same.TimeConfidence, "how sure: the check's");
        var table = PerfGate.Reports.SummaryTable.Format(result, "Bench");
        StringAssert.Contains(table, "| FAIL *");
        StringAssert.Contains(table, "*: measured again beside the last commit of perfgate.baseline.json (1a2b3c4d5e), the commit that recorded the baseline");
        Assert.IsFalse(PerfGate.Reports.SummaryTable.Format(first, "Bench").Contains('*', StringComparison.Ordinal), "no mark without a check");
        StringAssert.Contains(PerfGate.Reports.MarkdownSummary.Format(result, Reports.ReportData.Description()),
            "2 benchmark(s) were measured again beside the last commit of perfgate.baseline.json (1a2b3c4d5e), the commit that recorded it");
        var other = result.Outcomes.Single(o => o.Key == "Sample.Work.Other");
        Assert.AreEqual(first.Outcomes.Single(o => o.Key == "Sample.Work.Other").TimeEvidence, other.TimeEvidence, "unchecked rows stay as the first run judged them");
        Assert.AreEqual(100, other.BaselineMedianNs!.Value, 1);
    }

    [TestMethod]
    public void Once_the_check_runs_every_other_compared_benchmark_goes_alongside_and_a_regression_the_drift_hid_fails()
    {
        // "Outrun" was recorded in a phase 10% slower than today's machine: its +10% regression measures +1% against the
        // baseline, a PASS no check would look at. "Flagged" measured +30% (the machine's, as the check shows), so the check
        // runs, and "Outrun" is measured beside the baseline's commit too. "Added" has no entry: nothing to compare with.
        var baseline = Baseline(Result("Flagged", 100), Result("Outrun", 110));
        var request = Request(Run(Result("Flagged", 130), Result("Outrun", 111), Result("Added", 50)), baseline);
        var evaluator = new GateEvaluator(new RobustTimeComparisonRule());

        var flagged = evaluator.ToCheckAgainstBaselineCommit(request);
        var alongside = evaluator.AlongsideTheCheck(request, flagged);

        CollectionAssert.AreEqual(new[] { "Sample.Work.Flagged" }, flagged.Select(c => c.Key).ToArray());
        Assert.AreEqual("Sample.Work.Outrun", alongside.Single().Key, "neither the flagged one again nor one without an entry");
        StringAssert.Matches(alongside.Single().ToString(), new System.Text.RegularExpressions.Regex(@"^Sample\.Work\.Outrun \(\+[01]\.[0-9]% against it\)$"));
        Assert.AreEqual(0, evaluator.AlongsideTheCheck(request with { FailOnRegression = false }, flagged).Count, "a gate that fails nothing checks nothing");
        Assert.AreEqual(0, evaluator.AlongsideTheCheck(AbRequest(request.Run, Run(Result("Outrun", 100)), baseline), []).Count, "A/B mode has its own base");

        var check = CheckBeside(Run(Result("Flagged", 130), Result("Outrun", 111)), Run(Result("Flagged", 130), Result("Outrun", 100)), baseline);
        var result = evaluator.WithBaselineCommitCheck(request, check, BaselineCommitName);

        Assert.AreEqual(Tier.Pass, evaluator.Evaluate(request).Outcomes.Single(o => o.Key == "Sample.Work.Outrun").Verdict, "against the baseline alone it passes");
        var time = result.Findings.Single(f => f.Code == "PG2001");
        Assert.AreEqual("Sample.Work.Outrun", time.Benchmark);
        StringAssert.Contains(time.Message, "The first run measured +");
        Assert.AreEqual(Tier.Pass, result.Outcomes.Single(o => o.Key == "Sample.Work.Flagged").Verdict, "the machine's slowdown is dismissed");
        // Its row says why it was measured there: not a slowdown of its own, but beside the ones that were.
        StringAssert.Contains(result.Outcomes.Single(o => o.Key == "Sample.Work.Outrun").TimeEvidence,
            "; it was measured again beside the last commit of perfgate.baseline.json (1a2b3c4d5e) alongside the benchmarks checked there: ");
        StringAssert.Contains(result.Outcomes.Single(o => o.Key == "Sample.Work.Flagged").TimeEvidence, "; so it was measured again beside the last commit");
    }

    [TestMethod]
    public void A_benchmark_the_check_finds_slower_is_not_also_called_improved_against_a_baseline_the_machine_has_outrun()
    {
        // Recorded in a phase twice as slow as today's machine: a +10% regression measures -45% against the baseline, a
        // proven improvement (PG0050), while beside the baseline's commit it fails. The build says the FAIL only.
        var baseline = Baseline(Result("Flagged", 100), Result("Outrun", 200));
        var request = Request(Run(Result("Flagged", 130), Result("Outrun", 110)), baseline);
        var evaluator = new GateEvaluator(new RobustTimeComparisonRule());
        var check = CheckBeside(Run(Result("Flagged", 130), Result("Outrun", 110)), Run(Result("Flagged", 130), Result("Outrun", 100)), baseline);

        var first = evaluator.Evaluate(request);
        var result = evaluator.WithBaselineCommitCheck(request, check, BaselineCommitName);

        Assert.AreEqual("Sample.Work.Outrun", first.Findings.Single(f => f.Code == "PG0050").Benchmark, "against the baseline alone it is an improvement");
        Assert.AreEqual("Sample.Work.Outrun", result.Findings.Single(f => f.Code == "PG2001").Benchmark);
        Assert.IsFalse(result.Findings.Any(f => f.Code == "PG0050"), string.Join("\n", result.Findings.Select(f => f.Message)));
        // One the check passes keeps it: the baseline's old level would let a later regression back to it through.
        var unchanged = evaluator.WithBaselineCommitCheck(request,
            CheckBeside(Run(Result("Flagged", 130), Result("Outrun", 110)), Run(Result("Flagged", 130), Result("Outrun", 110)), baseline), BaselineCommitName);
        Assert.AreEqual("Sample.Work.Outrun", unchanged.Findings.Single(f => f.Code == "PG0050").Benchmark);
    }

    [TestMethod]
    public void A_baseline_from_another_machine_gets_a_time_verdict_from_the_check_instead_of_PG1006()
    {
        // Against a baseline recorded on another processor, time alone is only a warning; beside the baseline's commit,
        // measured here, "Slower" is proven 3x slower and "Same" is unchanged.
        var baseline = Baseline(Result("Same", 100), Result("Slower", 100)) with { Environment = Host with { Processor = "Intel Xeon" } };
        var request = Request(Run(Result("Same", 150), Result("Slower", 450)), baseline);
        var evaluator = new GateEvaluator(new RobustTimeComparisonRule());
        var check = CheckBeside(Run(Result("Same", 150), Result("Slower", 450)), Run(Result("Same", 150), Result("Slower", 150)), baseline);

        var checkedKeys = evaluator.ToCheckAgainstBaselineCommit(request);
        var result = evaluator.WithBaselineCommitCheck(request, check, BaselineCommitName);

        CollectionAssert.AreEquivalent(new[] { "PG1006", "PG1006" }, Codes(evaluator.Evaluate(request)));
        CollectionAssert.AreEquivalent(new[] { "Sample.Work.Same", "Sample.Work.Slower" }, checkedKeys.Select(c => c.Key).ToArray());
        Assert.AreEqual("PG2001", result.Findings.Single().Code);
        Assert.AreEqual("Sample.Work.Slower", result.Findings.Single().Benchmark);
        Assert.AreEqual(Tier.Pass, result.Outcomes.Single(o => o.Key == "Sample.Work.Same").Verdict);
    }

    private const string BaselineCommitName = "the last commit of perfgate.baseline.json (1a2b3c4d5e)";

    /// <summary>The check's A/B run against the baseline's commit: this build's run beside the commit's, of the checked benchmarks only.</summary>
    private static GateResult CheckBeside(PerfGate.Results.BenchmarkRun current, PerfGate.Results.BenchmarkRun commitRun, PerfGate.Baselines.Baseline baseline) =>
        Evaluate(AbRequest(current, commitRun, baseline) with { BaseDescription = BaselineCommitName, RunWasFiltered = true });

    private static async Task<string> RepositoryAsync()
    {
        var repo = TempFolders.New("perfgate-baseline-commit-");
        Directory.CreateDirectory(Path.Combine(repo, "bench"));
        await GitAsync(repo, "init", "-q");
        await File.WriteAllTextAsync(Path.Combine(repo, "bench", "perfgate.baseline.json"), "{}");
        await File.WriteAllTextAsync(Path.Combine(repo, "bench", "Program.cs"), "// 1");
        await GitAsync(repo, "add", "-A");
        await GitAsync(repo, "commit", "-q", "-m", "baseline");
        await File.WriteAllTextAsync(Path.Combine(repo, "bench", "Program.cs"), "// 2");
        await GitAsync(repo, "commit", "-q", "-a", "-m", "later change");
        return repo;
    }

    private static async Task<string> GitAsync(string directory, params string[] arguments)
    {
        var output = await Git.RunAsync(directory, CancellationToken.None,
            ["-c", "user.name=PerfGate tests", "-c", "user.email=tests@perfgate.invalid", "-c", "commit.gpgsign=false", "-c", "protocol.file.allow=always", .. arguments]);
        Assert.IsTrue(output.Succeeded, $"git {string.Join(' ', arguments)}: {output.StandardError}");
        return output.StandardOutput;
    }
}
