namespace PerfGate.Evaluation;

/// <summary>k of n, with the Wilson score interval at 95%: 20 of 20 only proves a rate above 83%.</summary>
internal sealed record Rate(int Hits, int Total)
{
    private const double Z = 1.959964;

    public double? Value => Total == 0 ? null : (double)Hits / Total;

    public (double Low, double High)? Wilson95
    {
        get
        {
            if (Total == 0)
            {
                return null;
            }

            var p = (double)Hits / Total;
            var denominator = 1 + (Z * Z / Total);
            var centre = (p + (Z * Z / (2 * Total))) / denominator;
            var margin = Z * Math.Sqrt((p * (1 - p) / Total) + (Z * Z / (4.0 * Total * Total))) / denominator;
            return (Math.Max(0, centre - margin), Math.Min(1, centre + margin));
        }
    }

    public override string ToString() => Value is double v && Wilson95 is var (low, high)
        ? $"{v:0.0%} ({Hits}/{Total}; 95% CI {low:0.0%}-{high:0.0%})"
        : "n/a";
}
