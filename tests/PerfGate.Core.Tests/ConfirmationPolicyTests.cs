using PerfGate.Diagnostics;
using PerfGate.Results;
using PerfGate.Verdicts;
using static PerfGate.Core.Tests.TestData;

namespace PerfGate.Core.Tests;

/// <summary>The confirmation loop: how many rounds, what each measures, and when it stops.</summary>
[TestClass]
public sealed class ConfirmationPolicyTests
{
    private static readonly MeasurementRound Measured = new(Run(Result("Sum", 100)));

    // What a first run and its confirmation rounds can reach.
    private static readonly PerfGate.Statistics.TimeComparison Block = new(3, Tier.Block, null, false, "e");
    private static readonly PerfGate.Statistics.TimeComparison Fail = Block with { Level = Tier.Fail, Ratio = 1.5 };
    private static readonly PerfGate.Statistics.TimeComparison Warn = Block with { Level = Tier.Warn, Ratio = 1.48 };
    private static readonly PerfGate.Statistics.TimeComparison Pass = Block with { Level = Tier.Pass, Ratio = 1.01 };
    private static readonly PerfGate.Statistics.TimeComparison Undecided = Block with { Level = Tier.Pass, Ratio = 1.09, UnprovenPastFail = true };
    private static readonly PerfGate.Statistics.TimeComparison UnprovenWarning = Block with { Level = Tier.Pass, Ratio = 1.04, UnprovenPastWarn = true };

    [TestMethod]
    public async Task Nothing_failing_measures_nothing()
    {
        var measured = 0;

        var (rounds, stopped) = await new ConfirmationPolicy().RunAsync(_ => [], (_, _) => { measured++; return Task.FromResult((Measured, (Finding?)null)); });

        Assert.AreEqual(0, measured);
        Assert.AreEqual(0, rounds.Count);
        Assert.IsNull(stopped);
    }

    [TestMethod]
    public async Task It_measures_what_still_fails_for_at_most_the_configured_rounds()
    {
        var asked = new List<(IReadOnlyList<string> Keys, int Round)>();

        var (rounds, _) = await new ConfirmationPolicy(rounds: 3).RunAsync(
            done => done.Count == 0 ? ["A", "B"] : ["B"],
            (keys, round) => { asked.Add((keys, round)); return Task.FromResult((Measured, (Finding?)null)); });

        Assert.AreEqual(3, rounds.Count);
        CollectionAssert.AreEqual(new[] { 1, 2, 3 }, asked.Select(a => a.Round).ToArray());
        CollectionAssert.AreEqual(new[] { "A", "B" }, asked[0].Keys.ToArray());
        CollectionAssert.AreEqual(new[] { "B" }, asked[1].Keys.ToArray());
    }

    [TestMethod]
    public async Task A_stopped_round_ends_the_loop_and_is_not_counted()
    {
        var stop = new Finding(DiagnosticCatalog.RunStopped, Tier.Block, "stopped", null);

        var (rounds, stopped) = await new ConfirmationPolicy().RunAsync(_ => ["A"], (_, _) => Task.FromResult((Measured, (Finding?)stop)));

        Assert.AreEqual(0, rounds.Count);
        Assert.AreSame(stop, stopped);
    }

    [TestMethod]
    public void The_level_is_the_lowest_any_round_reached_so_a_round_that_proves_nothing_dismisses_it()
    {
        var policy = new ConfirmationPolicy();

        Assert.AreEqual(Tier.Fail, policy.Combine(Block, [Fail, Block]).Level);
        Assert.AreEqual(Tier.Pass, policy.Combine(Block, [Fail, Pass]).Level);
        Assert.AreEqual(Tier.Warn, policy.Combine(Block, [Fail, Warn]).Level);
        Assert.AreEqual(Tier.Block, policy.Combine(Block, [null]).Level);
        Assert.IsTrue(policy.NeedsAnotherRound(Tier.Fail, new Settlement(Tier.Fail, string.Empty), 1));
        Assert.IsFalse(policy.NeedsAnotherRound(Tier.Fail, new Settlement(Tier.Fail, string.Empty), 2));
        Assert.IsFalse(policy.NeedsAnotherRound(Tier.Warn, new Settlement(Tier.Warn, string.Empty), 0), "a first-run WARN is not confirmed");
    }

    [TestMethod]
    public void A_round_that_proves_only_a_warning_is_measured_again_and_the_warning_stands_only_if_the_next_round_proves_one_too()
    {
        // A benchmark with a rare slow process state: the first run and one confirmation land in it, the next does not.
        var policy = new ConfirmationPolicy();

        var afterOne = policy.Combine(Fail, [Warn]);
        Assert.AreEqual(Tier.Warn, afterOne.Level);
        Assert.IsTrue(policy.NeedsAnotherRound(Tier.Fail, afterOne, 1), "the warning is measured once more");

        var dismissed = policy.Combine(Fail, [Warn, Pass]);
        Assert.AreEqual(Tier.Pass, dismissed.Level);
        StringAssert.Contains(dismissed.Text, "did not repeat in confirmation run 2");

        var warned = policy.Combine(Fail, [Warn, Fail]);
        Assert.AreEqual(Tier.Warn, warned.Level);
        StringAssert.Contains(warned.Text, "confirmation run 1, in a new process, proved only the WARN level (+48.0% there)");
        Assert.IsFalse(policy.NeedsAnotherRound(Tier.Fail, warned, 2), "rounds are used up");
    }

    [TestMethod]
    public void Rounds_that_each_prove_a_slowdown_but_one_only_the_warning_level_are_judged_together()
    {
        var policy = new ConfirmationPolicy();
        var together = new PooledRounds();

        Assert.AreEqual(Tier.Fail, policy.Combine(Fail, [Warn, Fail], together.Returning(Fail)).Level);
        Assert.AreEqual(Tier.Fail, policy.Combine(Block, [Warn, Block], together.Returning(Fail)).Level, "no higher than the rounds together prove");
        Assert.AreEqual(Tier.Fail, policy.Combine(Fail, [Warn, Warn], together.Returning(Block)).Level, "no higher than the first run reached");
        Assert.AreEqual(Tier.Warn, policy.Combine(Fail, [Warn, Fail], together.Returning(Warn)).Level);
        Assert.AreEqual(Tier.Warn, policy.Combine(Fail, [Warn, Fail], together.Returning(null)).Level);
        Assert.AreEqual(5, together.Asked);

        Assert.AreEqual(Tier.Pass, policy.Combine(Fail, [Warn, Pass], together.Returning(Fail)).Level, "a round that proves nothing still dismisses it");
        Assert.AreEqual(Tier.Fail, policy.Combine(Fail, [Fail, Fail], together.Returning(Pass)).Level, "rounds that each reach FAIL need no second look");
        Assert.AreEqual(5, together.Asked, "the rounds together are compared only when one proved just a warning");
        StringAssert.Contains(policy.Combine(Fail, [Warn, Fail], () => Fail).Text, "confirmed by the 2 confirmation runs together, each in new processes: +50.0% over all their iterations (+48.0%, +50.0% in each; run 1 alone proved only the WARN level)");
    }

    [TestMethod]
    public void A_round_that_measures_past_the_fail_margin_but_proves_nothing_is_measured_again_and_the_rounds_together_decide()
    {
        // A +10% regression on a busy machine: a confirmation round's processes spread so wide that +9% proves nothing.
        var policy = new ConfirmationPolicy();
        var together = new PooledRounds();

        var afterOne = policy.Combine(Fail, [Undecided], together.Returning(Pass));
        Assert.AreEqual(Tier.Pass, afterOne.Level, "no warning while it is open");
        Assert.IsTrue(afterOne.Open);
        Assert.IsTrue(policy.NeedsAnotherRound(Tier.Fail, afterOne, 1), "it is measured once more");
        Assert.IsFalse(policy.NeedsAnotherRound(Tier.Fail, afterOne, 2), "rounds are used up: the dismissal stands");

        var confirmed = policy.Combine(Fail, [Undecided, Fail], together.Returning(Fail));
        Assert.AreEqual(Tier.Fail, confirmed.Level);
        StringAssert.Contains(confirmed.Text, "confirmed by the 2 confirmation runs together, each in new processes: +50.0% over all their iterations (+9.0%, +50.0% in each; run 1 alone measured past the FAIL margin but proved no level)");

        var dismissed = policy.Combine(Fail, [Undecided, Fail], together.Returning(Warn));
        Assert.AreEqual(Tier.Pass, dismissed.Level, "rounds that together prove only a WARN leave no warning when one proved nothing");
        StringAssert.Contains(dismissed.Text, "dismissed as noise: confirmation run 1, in a new process, measured +9.0% but proved no level, and the confirmation runs together (+48.0% over all their iterations; +9.0%, +50.0% in each) did not prove a FAIL");
        Assert.AreEqual(Tier.Pass, policy.Combine(Fail, [Warn, Undecided], together.Returning(Pass)).Level, "a WARN round followed by an undecided one leaves no warning");
        Assert.AreEqual(4, together.Asked);

        Assert.AreEqual(Tier.Pass, policy.Combine(Fail, [Undecided, Pass], together.Returning(Fail)).Level, "a round that measured under the FAIL margin still dismisses it");
        Assert.AreEqual(4, together.Asked, "a dismissal needs no second look");
    }

    [TestMethod]
    public void An_unproven_slowdown_past_the_warning_margin_is_measured_again_only_in_AB_mode()
    {
        var policy = new ConfirmationPolicy();

        var committed = policy.Combine(UnprovenWarning, []);
        Assert.AreEqual(Tier.Pass, committed.Level);
        Assert.IsFalse(policy.NeedsAnotherRound(Tier.Pass, committed, 0), "against a committed baseline a PASS is not measured again");

        var ab = policy.Combine(UnprovenWarning, [], confirmWarnings: true);
        Assert.AreEqual(Tier.Pass, ab.Level, "no warning before a round proves one");
        Assert.IsTrue(ab.Open);
        Assert.IsTrue(policy.NeedsAnotherRound(Tier.Pass, ab, 0));
        Assert.IsTrue(policy.Combine(UnprovenWarning, [null], confirmWarnings: true).Open, "a round that measured nothing decides nothing");

        var under = policy.Combine(Pass, [], confirmWarnings: true);
        Assert.IsFalse(policy.NeedsAnotherRound(Tier.Pass, under, 0), "a PASS under the WARN margin is not measured again");
        Assert.IsFalse(policy.NeedsAnotherRound(Tier.Pass, policy.Combine(UnprovenWarning with { Inconclusive = true }, [], confirmWarnings: true), 0),
            "too few iterations to judge is PG1005's, not a confirmation's");
    }

    [TestMethod]
    public void A_round_that_proves_an_unproven_slowdown_makes_it_a_warning_never_a_failure()
    {
        var policy = new ConfirmationPolicy();

        var warned = policy.Combine(UnprovenWarning, [Warn], confirmWarnings: true);
        Assert.AreEqual(Tier.Warn, warned.Level);
        StringAssert.Contains(warned.Text, "the first run proved no level, so it was measured again: confirmation run 1, in new processes of both builds, proved the WARN level (+48.0% there)");
        Assert.IsFalse(policy.NeedsAnotherRound(Tier.Pass, warned, 1), "settled");
        Assert.AreEqual(Tier.Warn, policy.Combine(UnprovenWarning, [Fail], confirmWarnings: true).Level, "the first run did not prove a FAIL");

        var dismissed = policy.Combine(UnprovenWarning, [Pass], confirmWarnings: true);
        Assert.AreEqual(Tier.Pass, dismissed.Level);
        Assert.IsFalse(dismissed.Open);
        StringAssert.Contains(dismissed.Text, "measured again, not a warning: confirmation run 1, in new processes of both builds, measured +1.0%, under the WARN margin");
    }

    [TestMethod]
    public void Rounds_that_again_prove_nothing_past_the_warning_margin_are_judged_together_once()
    {
        var policy = new ConfirmationPolicy();
        var together = new PooledRounds();

        var afterOne = policy.Combine(UnprovenWarning, [UnprovenWarning], together.Returning(Warn), confirmWarnings: true);
        Assert.AreEqual(Tier.Pass, afterOne.Level);
        Assert.IsTrue(afterOne.Open);
        Assert.IsTrue(policy.NeedsAnotherRound(Tier.Pass, afterOne, 1), "measured once more");
        Assert.IsFalse(policy.NeedsAnotherRound(Tier.Pass, afterOne, 2), "rounds are used up: no warning");
        StringAssert.Contains(afterOne.Text, "confirmation run 1, in new processes of both builds, measured +4.0% and proved no level either");
        Assert.AreEqual(0, together.Asked, "one round is not pooled");

        var warned = policy.Combine(UnprovenWarning, [UnprovenWarning, Warn], together.Returning(Warn), confirmWarnings: true);
        Assert.AreEqual(Tier.Warn, warned.Level);
        StringAssert.Contains(warned.Text, "the 2 confirmation runs together, each in new processes of both builds, proved the WARN level (+48.0% over all their iterations; +4.0%, +48.0% in each)");
        var notTogether = policy.Combine(UnprovenWarning, [UnprovenWarning, UnprovenWarning], together.Returning(Pass), confirmWarnings: true);
        Assert.AreEqual(Tier.Pass, notTogether.Level);
        Assert.IsFalse(notTogether.Open);
        StringAssert.Contains(notTogether.Text, "measured again, not a warning: the 2 confirmation runs together");
        Assert.AreEqual(2, together.Asked);

        Assert.AreEqual(Tier.Pass, policy.Combine(UnprovenWarning, [UnprovenWarning, Pass], together.Returning(Warn), confirmWarnings: true).Level,
            "a round under the WARN margin ends it");
        Assert.AreEqual(2, together.Asked, "without a second look");
    }

    [TestMethod]
    public void A_first_run_warning_is_measured_once_again_in_AB_mode_and_a_round_under_the_margin_dismisses_it()
    {
        var policy = new ConfirmationPolicy();
        var firstWarn = Warn with { Ratio = 1.08 };

        var committed = policy.Combine(firstWarn, []);
        Assert.AreEqual(Tier.Warn, committed.Level);
        Assert.IsFalse(policy.NeedsAnotherRound(Tier.Warn, committed, 0), "against a committed baseline a warning is not measured again");

        var ab = policy.Combine(firstWarn, [], confirmWarnings: true);
        Assert.AreEqual(Tier.Warn, ab.Level, "the warning stands when no round is left to measure it");
        Assert.IsTrue(policy.NeedsAnotherRound(Tier.Warn, ab, 0));
        Assert.IsTrue(policy.Combine(firstWarn, [null], confirmWarnings: true).Open, "a round that measured nothing decides nothing");
        Assert.IsFalse(policy.NeedsAnotherRound(Tier.Warn, policy.Combine(firstWarn with { Inconclusive = true }, [], confirmWarnings: true), 0),
            "too few iterations to judge is PG1005's, not a confirmation's");

        var dismissed = policy.Combine(firstWarn, [Pass], confirmWarnings: true);
        Assert.AreEqual(Tier.Pass, dismissed.Level);
        Assert.IsFalse(policy.NeedsAnotherRound(Tier.Warn, dismissed, 1), "settled after one round");
        StringAssert.Contains(dismissed.Text, "dismissed as noise: measured again, confirmation run 1, in new processes of both builds, measured +1.0%, under the WARN margin");
        Assert.AreEqual("dismissed as noise", new SettledTime(firstWarn, dismissed.Level, dismissed.Text).Confidence);
    }

    [TestMethod]
    public void A_first_run_warning_that_a_round_measures_past_the_margin_again_stands_and_never_becomes_a_failure()
    {
        var policy = new ConfirmationPolicy();
        var firstWarn = Warn with { Ratio = 1.08 };

        var repeated = policy.Combine(firstWarn, [Warn], confirmWarnings: true);
        Assert.AreEqual(Tier.Warn, repeated.Level);
        StringAssert.Contains(repeated.Text, "confirmed by confirmation run 1, in new processes of both builds (+48.0% there)");
        Assert.IsFalse(policy.NeedsAnotherRound(Tier.Warn, repeated, 1), "one round settles it");

        var pastMargin = policy.Combine(firstWarn, [UnprovenWarning], confirmWarnings: true);
        Assert.AreEqual(Tier.Warn, pastMargin.Level, "a round past the margin does not contradict what the first run proved");
        StringAssert.Contains(pastMargin.Text, "confirmation run 1, in new processes of both builds, measured +4.0%, past the WARN margin again");
        Assert.IsFalse(policy.NeedsAnotherRound(Tier.Warn, pastMargin, 1));

        Assert.AreEqual(Tier.Warn, policy.Combine(firstWarn, [Fail], confirmWarnings: true).Level, "the first run did not prove a FAIL");
        Assert.AreEqual(Tier.Pass, policy.Combine(firstWarn, [null, Pass], confirmWarnings: true).Level, "a round that did not measure it is passed over");
    }

    [TestMethod]
    public void A_first_run_warning_past_the_fail_margin_is_measured_in_two_rounds_and_fails_only_if_the_rounds_prove_the_fail()
    {
        var policy = new ConfirmationPolicy();
        var tooWideToFail = Warn with { Ratio = 1.10, WarnPastFailMargin = true };
        var pastFailWarning = Warn with { Ratio = 1.09, WarnPastFailMargin = true };
        var together = new PooledRounds();

        var afterOne = policy.Combine(tooWideToFail, [Fail], together.Returning(Fail), confirmWarnings: true);
        Assert.AreEqual(Tier.Warn, afterOne.Level, "one round proves no FAIL the first run did not");
        Assert.IsTrue(policy.NeedsAnotherRound(Tier.Warn, afterOne, 1), "a round that measured it as large as a FAIL asks for a second");
        Assert.IsFalse(policy.NeedsAnotherRound(Tier.Warn, afterOne, 2), "none is left");

        var both = policy.Combine(tooWideToFail, [Fail, Fail], together.Returning(Warn), confirmWarnings: true);
        Assert.AreEqual(Tier.Fail, both.Level);
        Assert.IsFalse(policy.NeedsAnotherRound(Tier.Warn, both, 2));
        StringAssert.Contains(both.Text, "the first run proved only the WARN level but measured past the FAIL margin, so it was measured again: "
            + "each of 2 confirmation runs, in new processes of both builds, proved the FAIL level (+50.0%, +50.0% there)");

        var pooled = policy.Combine(tooWideToFail, [Fail, pastFailWarning], together.Returning(Fail with { Ratio = 1.11 }), confirmWarnings: true);
        Assert.AreEqual(Tier.Fail, pooled.Level, "the rounds together prove what one of them proved alone");
        StringAssert.Contains(pooled.Text, "the 2 confirmation runs together, each in new processes of both builds, proved the FAIL level (+11.0% over all their iterations; +50.0%, +9.0% in each)");

        var notTogether = policy.Combine(tooWideToFail, [Fail, pastFailWarning], together.Returning(Warn), confirmWarnings: true);
        Assert.AreEqual(Tier.Warn, notTogether.Level);
        StringAssert.Contains(notTogether.Text, "confirmed by confirmation run 1, in new processes of both builds (+50.0% there); not a FAIL: the 2 confirmation runs measured +50.0%, +9.0%, and together (+48.0% over all their iterations) did not prove the FAIL level");

        var secondUnderFailMargin = policy.Combine(tooWideToFail, [Fail, Warn with { Ratio = 1.04 }], together.Returning(Fail), confirmWarnings: true);
        Assert.AreEqual(Tier.Warn, secondUnderFailMargin.Level, "a round under the FAIL margin leaves the warning, whatever the rounds together show");

        var settledByOne = policy.Combine(tooWideToFail, [Warn with { Ratio = 1.04 }], together.Returning(Fail), confirmWarnings: true);
        Assert.AreEqual(Tier.Warn, settledByOne.Level);
        Assert.IsFalse(policy.NeedsAnotherRound(Tier.Warn, settledByOne, 1), "a round under the FAIL margin settles the warning at once");
        Assert.AreEqual(Tier.Pass, policy.Combine(tooWideToFail, [Pass, Fail], confirmWarnings: true).Level, "a round under the WARN margin dismisses it, as any first-run warning");

        Assert.AreEqual(Tier.Warn, policy.Combine(tooWideToFail, [Fail, Fail]).Level, "against a committed baseline a warning is never measured again");
    }

    /// <summary>Stands in for the confirmation rounds taken together, counting how often the policy asks for them.</summary>
    private sealed class PooledRounds
    {
        public int Asked { get; private set; }

        public Func<PerfGate.Statistics.TimeComparison?> Returning(PerfGate.Statistics.TimeComparison? pooled) => () =>
        {
            Asked++;
            return pooled;
        };
    }
}
