using PerfGate.Diagnostics;
using PerfGate.Statistics;

namespace PerfGate.Verdicts;

/// <summary>A benchmark's time comparison after the confirmation rounds: the first round's, and the level the rounds settled on.</summary>
/// <param name="First">The first round's comparison.</param>
/// <param name="Level">The level after confirmation (<see cref="Tier.Pass"/> when a round dismissed a FAIL).</param>
/// <param name="Confirmation">How the rounds decided it (<see cref="ConfirmationPolicy.Combine"/>'s text); empty without rounds.</param>
public sealed record SettledTime(TimeComparison First, Tier Level, string Confirmation)
{
    /// <summary>The first round's evidence completed with the confirmation's words.</summary>
    public string Evidence => First.Evidence + Confirmation;

    /// <summary>A FAIL the confirmation rounds did not repeat at any level.</summary>
    public bool Dismissed => First.Level >= Tier.Fail && Level == Tier.Pass;

    /// <summary>
    /// Why this PASS could not have seen a regression of the FAIL budget, in a few words (PG0060); null when it could, or
    /// when time did not pass. A FAIL the confirmation rounds dismissed counts: the processes disagreed by more than the
    /// budget, so the same code could as well have been a real slowdown.
    /// </summary>
    public string? Unresolved => this switch
    {
        { Level: > Tier.Pass } => null,
        { Dismissed: true } => $"a first-round FAIL at {Formatting.UnitFormat.Change(First.Ratio)} that a confirmation run did not repeat",
        { First.FailBudgetUnresolved: true, First.SmallestDetectable: double provable } => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"smallest provable slowdown +{provable:0.#%}"),
        { First.FailBudgetUnresolved: true } => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"not even +{RobustTimeComparisonRule.LargestDetectableChange:0%} provable"),
        _ => null,
    };

    /// <summary>How sure the change is, in a few words for a report's table.</summary>
    public string Confidence => this switch
    {
        { Level: > Tier.Pass } => $"proven (p<{RobustTimeComparisonRule.Alpha})",
        { First.Level: > Tier.Pass, Level: Tier.Pass } => "dismissed as noise",
        { First.Inconclusive: true } => "too few iterations",
        { First.Threshold: not null } => "not proven",
        { First.FailBudgetUnresolved: true } => "too noisy for the budget",
        { First.Ratio: < 1 } => "no slowdown",
        _ => "within budget",
    };
}
