namespace PerfGate.Gating;

/// <summary>
/// Turns BenchmarkDotNet's console output into one progress line per benchmark (it prints "// Benchmark: Type.Method: Job"
/// as each one starts and "Found N benchmark(s) in total" first); every line also goes to the detail log.
/// </summary>
internal sealed class BenchmarkProgress(IGateLog log)
{
    private const string StartMarker = "// Benchmark: ";
    private int started;
    private int total;

    public void OnLine(string line)
    {
        log.Detail(line);
        var found = line.IndexOf("Found ", StringComparison.Ordinal);
        if (line.StartsWith("// ***** Found ", StringComparison.Ordinal)
            && int.TryParse(line[(found + 6)..].Split(' ')[0], out var count))
        {
            total += count;
        }
        else if (line.StartsWith(StartMarker, StringComparison.Ordinal))
        {
            started++;
            var of = total > 0 ? $"/{total}" : string.Empty;
            log.Progress($"PerfGate: [{started}{of}] {line[StartMarker.Length..]}");
        }
    }
}
