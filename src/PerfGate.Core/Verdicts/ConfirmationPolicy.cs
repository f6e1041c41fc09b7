using System.Globalization;
using PerfGate.Diagnostics;
using PerfGate.Formatting;
using PerfGate.Statistics;

namespace PerfGate.Verdicts;

/// <summary>
/// Which benchmarks are measured again before a time FAIL fails the build, how many rounds, and how the rounds combine.
/// Most timing noise on shared machines is between processes (JIT outcome, code layout, a busy neighbour), which no test
/// on one run's iterations can see, and some benchmarks land in a slow state in one process of several. So a time FAIL
/// or BLOCK stands only if every confirmation round, each in new processes, also reaches FAIL; the verdict is the lowest
/// level any round reached. A FAIL that a round does not repeat at all is dismissed as noise (no warning; the run's
/// information PG0060 names it, since processes that disagree by more than the budget hide real regressions too): unchanged code
/// measured that way in 6 of 48 trials of the evaluation, and a warning each time is the crying wolf users turn off. A
/// round that proves only the WARN level is itself measured once more when rounds are left: the warning stands only if
/// the next round proves at least a WARN too, so one process in a benchmark's rare slow state warns nobody. When every
/// round proved a slowdown but some only past the WARN margin, the confirmation rounds' samples taken together are the
/// second stage of the test: the FAIL stands if they prove it (a +10% regression whose processes spread nearly as wide
/// lands a round under the FAIL margin now and then, as in docs/evaluation.md's busy-neighbour trials), else it is a
/// warning. A round that proves nothing but still measures past the FAIL margin is undecided, not a dismissal: it is
/// measured once more when a round is left, and the rounds together decide between FAIL and no finding (never a
/// warning: unchanged code on a busy machine measures so too).
/// In A/B mode a first run that measured past the WARN margin without proving it is measured again too
/// (<see cref="CombineUnprovenWarning"/>): a +5% change went unreported in 14 of 40 judgements for want of it, each time a
/// first-run PASS at +3.5% to +7.5% (docs/evaluation.md). So is a first-run WARN (<see cref="CombineFirstRunWarning"/>),
/// which a round under the WARN margin dismisses; when that warning measured past the FAIL margin too, a second round
/// measures it and the rounds may prove the FAIL (<see cref="CombineWarningPastFailMargin"/>). Only in A/B mode: there each round measures its own reference,
/// while against a committed baseline a shift of the machine since the recording would repeat in every round.
/// </summary>
public sealed class ConfirmationPolicy(int rounds = ConfirmationPolicy.DefaultRounds)
{
    /// <summary>
    /// One round was not enough in the evaluation (docs/evaluation.md): a 12 ns allocating benchmark, unchanged, measured
    /// about +50% in a few processes of a hundred, and in two in a row twice.
    /// </summary>
    public const int DefaultRounds = 2;

    public int Rounds => rounds;

    /// <summary>
    /// Measures again, round by round, what still fails, until nothing does or the rounds are used up.
    /// </summary>
    /// <param name="stillFailing">The benchmark keys whose time still fails after the confirmation rounds so far.</param>
    /// <param name="measure">Measures the given keys again in new processes (round number from 1); the finding is set
    /// when the run was stopped (a signal, a hang, the lock), which ends the loop.</param>
    public async Task<(IReadOnlyList<MeasurementRound> Rounds, Finding? Stopped)> RunAsync(
        Func<IReadOnlyList<MeasurementRound>, IReadOnlyList<string>> stillFailing,
        Func<IReadOnlyList<string>, int, Task<(MeasurementRound Round, Finding? Stopped)>> measure)
    {
        var done = new List<MeasurementRound>();
        for (var round = 1; round <= rounds; round++)
        {
            var keys = stillFailing(done);
            if (keys.Count == 0)
            {
                break;
            }

            var (measured, stopped) = await measure(keys, round).ConfigureAwait(false);
            if (stopped is not null)
            {
                return (done, stopped);
            }

            done.Add(measured);
        }

        return (done, null);
    }

    /// <summary>
    /// The level a time regression ends at (<see cref="Tier.Pass"/> when a round dismissed it), and the words that say how
    /// the rounds decided it. <paramref name="repeats"/>
    /// holds one comparison per confirmation round, null where that round could not measure the benchmark (it confirms
    /// nothing either way; the next round may). <paramref name="together"/> compares the confirmation rounds' samples
    /// taken together; it is asked only when some round proved no more than the WARN level, or proved nothing while
    /// measuring past the FAIL margin.
    /// </summary>
    /// <param name="confirmWarnings">Whether a first-run warning, and a first run that measured past the WARN margin without
    /// proving it, are confirmed too (A/B mode).</param>
    public Settlement Combine(TimeComparison first, IReadOnlyList<TimeComparison?> repeats, Func<TimeComparison?>? together = null, bool confirmWarnings = false)
    {
        if (confirmWarnings && IsUnprovenWarning(first))
        {
            return CombineUnprovenWarning(repeats, together);
        }

        if (confirmWarnings && first is { Level: Tier.Warn, Inconclusive: false })
        {
            return first.WarnPastFailMargin ? CombineWarningPastFailMargin(repeats, together) : CombineFirstRunWarning(repeats);
        }

        if (first.Level < Tier.Fail || repeats.Count == 0)
        {
            return new Settlement(first.Level, string.Empty);
        }

        var level = first.Level;
        var changes = new List<string>();
        (int Number, string Change)? warned = null;
        (int Number, string Change)? undecided = null;
        foreach (var (repeat, number) in repeats.Select((r, index) => (r, index + 1)))
        {
            if (repeat is null)
            {
                continue;
            }

            var change = UnitFormat.Change(repeat.Ratio);
            if (repeat.Level == Tier.Pass)
            {
                if (repeat.UnprovenPastFail)
                {
                    // It measured a slowdown past the FAIL margin and could not tell it from its own noise: that round
                    // neither repeats the FAIL nor dismisses it.
                    undecided ??= (number, change);
                    continue;
                }

                return new Settlement(Tier.Pass, string.Format(CultureInfo.InvariantCulture, DiagnosticCatalog.DismissedText, number, change));
            }

            if (repeat.Level < Tier.Fail)
            {
                warned ??= (number, change);
                continue;
            }

            level = (Tier)Math.Min((int)level, (int)repeat.Level);
            changes.Add(change);
        }

        if (undecided is not null || warned is not null)
        {
            // Every round measured a slowdown, but one proved less than the FAIL: the rounds together are the second stage
            // of the test. A benchmark whose processes spread as wide as a real slowdown of the FAIL budget lands a round
            // under its margin now and then (a +10% work change with a busy neighbour: +12.8% in the first run, +6.8% in
            // a confirmation run); the rounds together prove what each proves only most of the time.
            var pooled = together?.Invoke();
            var (number, change) = undecided ?? warned!.Value;
            if (pooled is { Level: >= Tier.Fail })
            {
                var alone = string.Format(CultureInfo.InvariantCulture, undecided is null ? DiagnosticCatalog.AloneWarnedText : DiagnosticCatalog.AloneUndecidedText, number);
                return new Settlement((Tier)Math.Min((int)first.Level, (int)pooled.Level), string.Format(CultureInfo.InvariantCulture, DiagnosticCatalog.ConfirmedTogetherText,
                    repeats.Count(r => r is not null), UnitFormat.Change(pooled.Ratio), EachChange(repeats), alone));
            }

            // A round that proved nothing leaves no warning: unchanged code measures so often enough on a busy machine.
            // It stays open, so a round left measures the benchmark again.
            return undecided is not null
                ? new Settlement(Tier.Pass, string.Format(CultureInfo.InvariantCulture, DiagnosticCatalog.UndecidedDismissedText, number, change,
                    pooled is null ? "not measured" : UnitFormat.Change(pooled.Ratio), EachChange(repeats)), Open: true)
                : new Settlement(Tier.Warn, string.Format(CultureInfo.InvariantCulture, DiagnosticCatalog.NotRepeatedText, number, change));
        }

        return changes.Count == 0
            ? new Settlement(level, DiagnosticCatalog.NotReconfirmedText)
            : new Settlement(level, string.Format(CultureInfo.InvariantCulture, DiagnosticCatalog.ConfirmedText, changes.Count + 1, string.Join(", ", changes)));
    }

    /// <summary>A first run that proved no level but measured past the WARN margin, with enough iterations to be judged.</summary>
    private static bool IsUnprovenWarning(TimeComparison first) => first is { Level: Tier.Pass, UnprovenPastWarn: true, Inconclusive: false };

    /// <summary>
    /// What the confirmation rounds make of a first run that measured past the WARN margin and proved nothing. It is open
    /// until a round decides: a round that proves at least the WARN level makes it a warning (never a FAIL, which the first
    /// run did not prove); a round that measures under the WARN margin leaves no finding; a round that again measures past
    /// it without proof leaves it open, and once two rounds have, the rounds together decide, one test rather than one per
    /// round, so the chance that unchanged code warns does not grow with the rounds.
    /// </summary>
    private static Settlement CombineUnprovenWarning(IReadOnlyList<TimeComparison?> repeats, Func<TimeComparison?>? together)
    {
        var measured = repeats.Select((r, index) => (Repeat: r, Number: index + 1)).Where(r => r.Repeat is not null).ToList();
        if (measured.Count == 0)
        {
            return new Settlement(Tier.Pass, string.Empty, Open: true);
        }

        foreach (var (repeat, number) in measured)
        {
            if (repeat!.Level == Tier.Pass && !repeat.UnprovenPastWarn)
            {
                return new Settlement(Tier.Pass, string.Format(CultureInfo.InvariantCulture, DiagnosticCatalog.WarningNotRepeatedText, number, UnitFormat.Change(repeat.Ratio)));
            }
        }

        var (firstRepeat, firstNumber) = measured[0];
        if (firstRepeat!.Level >= Tier.Warn)
        {
            return new Settlement(Tier.Warn, string.Format(CultureInfo.InvariantCulture, DiagnosticCatalog.WarningProvenText, firstNumber, UnitFormat.Change(firstRepeat.Ratio)));
        }

        if (measured.Count == 1)
        {
            return new Settlement(Tier.Pass, string.Format(CultureInfo.InvariantCulture, DiagnosticCatalog.WarningUndecidedText, firstNumber, UnitFormat.Change(firstRepeat.Ratio)),
                Open: true);
        }

        var pooled = together?.Invoke();
        var pooledChange = pooled is null ? "not measured" : UnitFormat.Change(pooled.Ratio);
        return pooled is { Level: >= Tier.Warn }
            ? new Settlement(Tier.Warn, string.Format(CultureInfo.InvariantCulture, DiagnosticCatalog.WarningProvenTogetherText, measured.Count, pooledChange, EachChange(repeats)))
            : new Settlement(Tier.Pass, string.Format(CultureInfo.InvariantCulture, DiagnosticCatalog.WarningNotProvenTogetherText, measured.Count, pooledChange, EachChange(repeats)));
    }

    /// <summary>
    /// What one confirmation round makes of a warning the first run proved (A/B mode). Unchanged code draws most of A/B
    /// mode's false warnings this way, from a process of either build in a slow state (a 12 ns allocating benchmark at
    /// +7.5% to +10%, docs/evaluation.md), and a round in new processes measures it back under the WARN margin; a real
    /// slowdown measures past the margin again. So a round under the margin dismisses the warning, and any other round
    /// keeps it: the first run proved it, and the round did not contradict it. It never becomes a FAIL, which the first
    /// run did not prove.
    /// </summary>
    private static Settlement CombineFirstRunWarning(IReadOnlyList<TimeComparison?> repeats)
    {
        var measured = repeats.Select((r, index) => (Repeat: r, Number: index + 1)).FirstOrDefault(r => r.Repeat is not null);
        if (measured.Repeat is not TimeComparison repeat)
        {
            return new Settlement(Tier.Warn, string.Empty, Open: true);
        }

        var change = UnitFormat.Change(repeat.Ratio);
        if (repeat.Level == Tier.Pass && !repeat.UnprovenPastWarn)
        {
            return new Settlement(Tier.Pass, string.Format(CultureInfo.InvariantCulture, DiagnosticCatalog.FirstWarningDismissedText, measured.Number, change));
        }

        return new Settlement(Tier.Warn, string.Format(CultureInfo.InvariantCulture,
            repeat.Level >= Tier.Warn ? DiagnosticCatalog.FirstWarningRepeatedText : DiagnosticCatalog.FirstWarningPastMarginText, measured.Number, change));
    }

    /// <summary>
    /// What the confirmation rounds make of a first-run warning whose estimate passed the FAIL margin too (A/B mode). Such
    /// a first run proved a slowdown and measured it as large as a FAIL, but its processes spread too wide to prove that:
    /// `Work.Polynomial` +10% ended a warning so in 5 of 50 judgements of the check against the baseline's commit, each time
    /// with its confirmation run measuring +9% to +12% (docs/evaluation.md). So it is judged as a FAIL would be, from the
    /// rounds alone: it is a FAIL only if every round measured past the FAIL margin and each round proved the FAIL, or the
    /// rounds together did; a round under the WARN margin dismisses it as <see cref="CombineFirstRunWarning"/> does, and
    /// anything else leaves the warning. Unchanged code would have to prove a FAIL in two rounds of new processes of both
    /// builds, as a first-run FAIL must.
    /// </summary>
    private static Settlement CombineWarningPastFailMargin(IReadOnlyList<TimeComparison?> repeats, Func<TimeComparison?>? together)
    {
        var warning = CombineFirstRunWarning(repeats);
        var measured = repeats.OfType<TimeComparison>().ToList();
        if (warning.Level == Tier.Pass || warning.Open || !PastFailMargin(measured[0]))
        {
            return warning;
        }

        if (measured.Count == 1)
        {
            // Round 1 repeated a slowdown the size of a FAIL: a round left measures it again; when none is, the warning stands.
            return warning with { Open = true };
        }

        var each = EachChange(repeats);
        if (measured.All(r => r.Level >= Tier.Fail))
        {
            return new Settlement(Tier.Fail, string.Format(CultureInfo.InvariantCulture, DiagnosticCatalog.FailProvenAfterWarningText, measured.Count, each));
        }

        var pooled = together?.Invoke();
        var pooledChange = pooled is null ? "not measured" : UnitFormat.Change(pooled.Ratio);
        return pooled is { Level: >= Tier.Fail } && measured.All(PastFailMargin)
            ? new Settlement(Tier.Fail, string.Format(CultureInfo.InvariantCulture, DiagnosticCatalog.FailProvenTogetherAfterWarningText, measured.Count, each, pooledChange))
            : warning with { Text = warning.Text + string.Format(CultureInfo.InvariantCulture, DiagnosticCatalog.FailNotProvenAfterWarningText, measured.Count, each, pooledChange) };
    }

    /// <summary>Whether a round's estimate passed the FAIL margin, proven or not.</summary>
    private static bool PastFailMargin(TimeComparison round) => round.Level >= Tier.Fail || round.UnprovenPastFail || round.WarnPastFailMargin;

    private static string EachChange(IReadOnlyList<TimeComparison?> repeats) =>
        string.Join(", ", repeats.OfType<TimeComparison>().Select(r => UnitFormat.Change(r.Ratio)));

    /// <summary>
    /// Whether a time regression whose first run reached <paramref name="first"/> and whose rounds so far settled on
    /// <paramref name="combined"/> needs another round: a FAIL or BLOCK under confirmation that no round has dismissed yet
    /// (a round that proved only a WARN, or nothing past the FAIL margin, is measured again too), or, in A/B mode, a
    /// warning or an unproven slowdown still open, while rounds are left.
    /// </summary>
    public bool NeedsAnotherRound(Tier first, Settlement combined, int roundsSoFar) =>
        (combined.Open || (first >= Tier.Fail && combined.Level >= Tier.Warn)) && roundsSoFar < rounds;
}
