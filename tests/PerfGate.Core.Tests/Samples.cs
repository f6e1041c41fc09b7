namespace PerfGate.Core.Tests;

/// <summary>Deterministic samples for statistics tests: a centre value with a fixed, symmetric spread.</summary>
internal static class Samples
{
    /// <summary><paramref name="count"/> values around <paramref name="centre"/>, spread by ±<paramref name="spreadFraction"/>.</summary>
    public static double[] Around(double centre, int count = 15, double spreadFraction = 0.01)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            var position = count == 1 ? 0 : (2.0 * i / (count - 1)) - 1; // -1 .. 1
            values[i] = centre * (1 + (position * spreadFraction));
        }

        return values;
    }
}
