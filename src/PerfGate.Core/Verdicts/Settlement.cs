using PerfGate.Diagnostics;

namespace PerfGate.Verdicts;

/// <summary>What the confirmation rounds so far made of a time regression (<see cref="ConfirmationPolicy.Combine"/>).</summary>
/// <param name="Level">The level it ends at; <see cref="Tier.Pass"/> when a round dismissed it.</param>
/// <param name="Text">How the rounds decided it, to complete the first run's evidence; empty without rounds.</param>
/// <param name="Open">Not settled yet: a round proved nothing but measured past the FAIL margin, or (A/B mode) a first run
/// measured past the WARN margin without proof and no round has decided it, so a round left measures it again. When no round
/// is left, <paramref name="Level"/> stands.</param>
public sealed record Settlement(Tier Level, string Text, bool Open = false)
{
    public void Deconstruct(out Tier level, out string text) => (level, text) = (Level, Text);
}
