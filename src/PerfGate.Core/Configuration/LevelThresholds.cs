using PerfGate.Diagnostics;

namespace PerfGate.Configuration;

/// <summary>
/// The relative increase at which a metric's change becomes a WARN, a FAIL or a BLOCK; a null level is off.
/// A change is reported at the highest level whose threshold it passes.
/// </summary>
public sealed record LevelThresholds(Percent? Warn, Percent? Fail, Percent? Block)
{
    /// <summary>Every level off.</summary>
    public static LevelThresholds Off { get; } = new(null, null, null);

    /// <summary>The levels that are on, most severe first.</summary>
    public IEnumerable<(Tier Tier, Percent Threshold)> MostSevereFirst()
    {
        if (Block is Percent block)
        {
            yield return (Tier.Block, block);
        }

        if (Fail is Percent fail)
        {
            yield return (Tier.Fail, fail);
        }

        if (Warn is Percent warn)
        {
            yield return (Tier.Warn, warn);
        }
    }

    /// <summary>The threshold of one level; null when that level is off.</summary>
    public Percent? Of(Tier tier) => tier switch
    {
        Tier.Block => Block,
        Tier.Fail => Fail,
        Tier.Warn => Warn,
        _ => null,
    };

    /// <summary>The smallest threshold that is on; null when every level is off.</summary>
    public Percent? Lowest => MostSevereFirst().Select(l => (Percent?)l.Threshold).LastOrDefault();

    /// <summary>These thresholds with every level the overrides mention replaced (null-valued overrides switch it off).</summary>
    internal LevelThresholds With(LevelsSection? overrides) => overrides is null
        ? this
        : new LevelThresholds(
            overrides.Warn is null ? Warn : overrides.Warn.Value,
            overrides.Fail is null ? Fail : overrides.Fail.Value,
            overrides.Block is null ? Block : overrides.Block.Value);
}
