namespace Evaluation;

/// <summary>
/// The work knob compiled into the code, for the A/B levels: eng/evaluate.sh commits a change to this number on top of
/// the base commit, so the base build and this build differ in code, as in a pull request (an environment variable would
/// reach both sides' processes alike).
/// </summary>
public static class CompiledKnobs
{
    public const int WorkPercent = 0;
}
