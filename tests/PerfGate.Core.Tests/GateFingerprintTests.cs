using PerfGate.Gating;
using PerfGate.Running;

namespace PerfGate.Core.Tests;

/// <summary>"Unchanged since the last gated run" is decided by content, over everything the benchmark program loads.</summary>
[TestClass]
public sealed class GateFingerprintTests
{
    private string directory = null!;

    [TestInitialize]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("perfgate-fingerprint-").FullName;

    [TestCleanup]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    private string PathOf(string name) => Path.Combine(directory, name);

    private GateSettings Settings(params string[] properties) => new(
        PathOf("Bench.csproj"), PathOf("obj"), PathOf("perfgate.baseline.json"), null, false, null, true, true,
        new BenchmarkRunSettings("dotnet", PathOf("Bench.dll"), PathOf("artifacts"), [], "default", null, null, null, properties, TimeSpan.FromMinutes(10)),
        [PathOf("Bench.dll"), PathOf("Lib.dll")]);

    [TestMethod]
    public void A_changed_referenced_library_changes_the_fingerprint_and_a_new_timestamp_does_not()
    {
        File.WriteAllText(PathOf("Bench.dll"), "bench");
        File.WriteAllText(PathOf("Lib.dll"), "lib v1");
        var before = GateFingerprint.Of(Settings());

        File.SetLastWriteTimeUtc(PathOf("Bench.dll"), DateTime.UtcNow.AddMinutes(5));
        var touched = GateFingerprint.Of(Settings());
        File.WriteAllText(PathOf("Lib.dll"), "lib v2");
        var changed = GateFingerprint.Of(Settings());

        Assert.AreEqual(before, touched, "a rebuild that wrote the same bytes is unchanged");
        Assert.AreNotEqual(before, changed, "a changed library reruns the gate");
    }

    [TestMethod]
    public void The_baseline_and_the_forwarded_properties_are_part_of_it()
    {
        File.WriteAllText(PathOf("Bench.dll"), "bench");
        var before = GateFingerprint.Of(Settings());

        var withProperty = GateFingerprint.Of(Settings("LibSlow=true"));
        File.WriteAllText(PathOf("perfgate.baseline.json"), "{}");
        var withBaseline = GateFingerprint.Of(Settings());

        Assert.AreNotEqual(before, withProperty);
        Assert.AreNotEqual(before, withBaseline);
    }

    [TestMethod]
    public void The_ab_schedule_counts_only_where_an_ab_run_can_happen()
    {
        File.WriteAllText(PathOf("Bench.dll"), "bench");
        var unchecked_ = Settings() with { CheckBaselineCommit = false };
        var ab = unchecked_ with { CompareWith = "origin/main" };
        var checkedAgainstItsCommit = unchecked_ with { CheckBaselineCommit = true };

        Assert.AreEqual(GateFingerprint.Of(unchecked_ with { AbSchedule = new AbSchedule(0) }), GateFingerprint.Of(unchecked_ with { AbSchedule = AbSchedule.Turns }),
            "a single-mode build that never runs A/B is unchanged whatever CPUs it may use");
        Assert.AreNotEqual(GateFingerprint.Of(ab with { AbSchedule = new AbSchedule(0) }), GateFingerprint.Of(ab with { AbSchedule = AbSchedule.Turns }));
        Assert.AreNotEqual(GateFingerprint.Of(checkedAgainstItsCommit with { AbSchedule = new AbSchedule(0) }),
            GateFingerprint.Of(checkedAgainstItsCommit with { AbSchedule = AbSchedule.Turns }), "the check against the baseline's commit runs A/B");
    }

    [TestMethod]
    public void Turning_the_check_against_the_baseline_commit_or_its_scope_on_or_off_reruns_the_gate()
    {
        // Found by the end-to-end test of a baseline recorded too noisy: a build with the check right after one without it
        // reported the unchecked verdict as "unchanged since the last gated run".
        File.WriteAllText(PathOf("Bench.dll"), "bench");

        Assert.AreNotEqual(GateFingerprint.Of(Settings() with { CheckBaselineCommit = false }), GateFingerprint.Of(Settings() with { CheckBaselineCommit = true }));
        Assert.AreNotEqual(GateFingerprint.Of(Settings() with { CheckEveryBenchmark = false }), GateFingerprint.Of(Settings() with { CheckEveryBenchmark = true }),
            "measuring the unflagged benchmarks beside the baseline's commit, or not, changes their verdicts too");
    }
}
