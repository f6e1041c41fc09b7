using PerfGate.Diagnostics;

namespace PerfGate.Statistics;

/// <summary>What a time comparison rule concluded about one benchmark.</summary>
/// <param name="Ratio">The effect size: how many times slower the current samples are than the baseline's (1.1 is 10% slower).</param>
/// <param name="Level">The most severe budget level the regression is proven to pass; <see cref="Tier.Pass"/> when none.</param>
/// <param name="Threshold">The budget of that level, or of the lowest level when a slowdown past it was tried and not proven.</param>
/// <param name="Inconclusive">Too few iterations for any verdict, and the ratio passes the lowest budget.</param>
/// <param name="Evidence">Why, in words a developer can check: the test, its p-value, the sample counts.</param>
/// <param name="SmallestDetectable">The smallest slowdown (a fraction) this run could have proven; null when not worked out or none.</param>
/// <param name="FailBudgetUnresolved">No level was proven, and this run could not have proven a slowdown of the FAIL budget
/// (the lowest budget without a FAIL level) either: a regression of that size would have passed too (PG0060).</param>
/// <param name="UnprovenPastFail">No level was proven, but the estimate passed the FAIL level's margin: a slowdown that large
/// this run could not tell from its own noise. A confirmation round like that is undecided, not a dismissal.</param>
/// <param name="UnprovenPastWarn">No level was proven, but the estimate passed the WARN level's margin: in A/B mode such a
/// slowdown is measured once more (<see cref="Verdicts.ConfirmationPolicy"/>), since a +5% change lands there about a third
/// of the time on a shared machine.</param>
/// <param name="WarnPastFailMargin">The WARN level was proven, and the estimate passed the FAIL level's margin too without
/// proving it: in A/B mode the confirmation rounds may prove the FAIL (<see cref="Verdicts.ConfirmationPolicy"/>), since a
/// +10% change with processes spread wide lands there now and then.</param>
public sealed record TimeComparison(double Ratio, Tier Level, Configuration.Percent? Threshold, bool Inconclusive, string Evidence, double? SmallestDetectable = null,
    bool FailBudgetUnresolved = false, bool UnprovenPastFail = false, bool UnprovenPastWarn = false, bool WarnPastFailMargin = false);
