using System.Globalization;

namespace PerfGate.Formatting;

/// <summary>Human-readable numbers with units, as BenchmarkDotNet prints them.</summary>
public static class UnitFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Time(double nanoseconds) => nanoseconds switch
    {
        double.NaN => "n/a",
        < 1_000 => $"{nanoseconds.ToString("0.###", Invariant)} ns",
        < 1_000_000 => $"{(nanoseconds / 1_000).ToString("0.###", Invariant)} us",
        < 1_000_000_000 => $"{(nanoseconds / 1_000_000).ToString("0.###", Invariant)} ms",
        _ => $"{(nanoseconds / 1_000_000_000).ToString("0.###", Invariant)} s",
    };

    public static string Bytes(long? bytes) => bytes is long b ? $"{b.ToString("N0", Invariant)} B" : "n/a";

    /// <summary>A ratio of current to baseline as a signed percentage: 1.25 is "+25.0%".</summary>
    public static string Change(double ratio) => double.IsFinite(ratio)
        ? (ratio - 1).ToString("+0.0%;-0.0%;0.0%", Invariant)
        : "new";

    /// <summary>A wall-clock duration for progress lines: "8 s", "2 min 05 s", "1 h 02 min".</summary>
    public static string Elapsed(TimeSpan elapsed) => elapsed switch
    {
        { TotalMinutes: < 1 } => $"{(int)elapsed.TotalSeconds} s",
        { TotalHours: < 1 } => $"{(int)elapsed.TotalMinutes} min {elapsed.Seconds:00} s",
        _ => $"{(int)elapsed.TotalHours} h {elapsed.Minutes:00} min",
    };
}
