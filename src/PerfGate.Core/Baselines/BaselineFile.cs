using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using PerfGate.Diagnostics;
using PerfGate.Results;

namespace PerfGate.Baselines;

/// <summary>
/// Reads and writes <c>perfgate.baseline.json</c>. The written form is made for code review: stable key order, one
/// entry per benchmark, each entry's samples on one line, numbers rounded to picoseconds.
/// </summary>
public static class BaselineFile
{
    public const string SchemaUrl = "https://raw.githubusercontent.com/perfgate/PerfGate.Sdk/main/docs/schemas/perfgate.baseline.schema.json";

    /// <summary>Reads a baseline; throws <see cref="PerfGateFileException"/> with the line and column of any problem.</summary>
    public static async Task<Baseline> ReadAsync(string path, CancellationToken cancellation = default)
    {
        var (dto, text) = await StrictJsonFile.ReadAsync<BaselineDto>(path, "a baseline object", cancellation).ConfigureAwait(false);
        if (dto.SchemaVersion != Baseline.CurrentSchemaVersion)
        {
            var at = JsonKeyLocator.Find(path, text, "schemaVersion") ?? new SourceLocation(path, 1, 1);
            throw new PerfGateFileException(path,
                $"schemaVersion {dto.SchemaVersion} is not supported (this PerfGate reads version {Baseline.CurrentSchemaVersion})", at.Line, at.Column);
        }

        var entries = new SortedDictionary<string, BaselineEntry>(StringComparer.Ordinal);
        foreach (var (key, entry) in dto.Benchmarks ?? [])
        {
            if (entry.SamplesNs is null || entry.SamplesNs.Length == 0 || entry.SamplesNs.Any(s => !double.IsFinite(s) || s < 0))
            {
                var at = JsonKeyLocator.Find(path, text, key) ?? new SourceLocation(path, 1, 1);
                throw new PerfGateFileException(path, $"the entry \"{key}\" needs a non-empty samplesNs array of non-negative numbers", at.Line, at.Column);
            }

            entries[key] = new BaselineEntry(entry.SamplesNs, entry.AllocatedBytes, entry.Job ?? "unknown", entry.Reason, entry.IlHash);
        }

        return new Baseline(dto.Environment?.ToHostEnvironment() ?? HostEnvironment.Unknown, entries);
    }

    /// <summary>Writes atomically: to a temporary file beside the target, then a rename, so a crash never leaves half a baseline.</summary>
    public static async Task WriteAsync(string path, Baseline baseline, CancellationToken cancellation = default)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        await File.WriteAllTextAsync(temporary, Serialize(baseline), new UTF8Encoding(false), cancellation).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }

    public static string Serialize(Baseline baseline)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUrl);
            json.WriteNumber("schemaVersion", Baseline.CurrentSchemaVersion);
            json.WritePropertyName("environment");
            JsonSerializer.Serialize(json, EnvironmentDto.From(baseline.Environment), StrictJsonFile.Options);
            json.WriteStartObject("benchmarks");
            foreach (var (key, entry) in baseline.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                json.WriteStartObject(key);
                json.WriteString("job", entry.Job);
                if (entry.IlHash is not null)
                {
                    json.WriteString("ilHash", entry.IlHash);
                }

                if (entry.AllocatedBytes is long bytes)
                {
                    json.WriteNumber("allocatedBytes", bytes);
                }

                json.WriteNumber("medianNs", Round(entry.MedianNs));
                // One line of samples keeps a re-recorded entry a small, readable diff.
                json.WritePropertyName("samplesNs");
                json.WriteRawValue("[" + string.Join(", ", entry.SamplesNs.Select(s => Round(s).ToString(CultureInfo.InvariantCulture))) + "]");
                if (entry.Reason is not null)
                {
                    json.WriteString("reason", entry.Reason);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    private static double Round(double nanoseconds) => Math.Round(nanoseconds, 3, MidpointRounding.AwayFromZero);

    private sealed class BaselineDto
    {
        [JsonPropertyName("$schema")]
        public string? Schema { get; set; }

        public int SchemaVersion { get; set; }

        public EnvironmentDto? Environment { get; set; }

        public Dictionary<string, EntryDto>? Benchmarks { get; set; }
    }

    private sealed class EntryDto
    {
        public string? Job { get; set; }

        public long? AllocatedBytes { get; set; }

        public double? MedianNs { get; set; }

        public double[]? SamplesNs { get; set; }

        public string? Reason { get; set; }

        public string? IlHash { get; set; }
    }

    private sealed class EnvironmentDto
    {
        public string? Os { get; set; }

        public string? Processor { get; set; }

        public int PhysicalCores { get; set; }

        public int LogicalCores { get; set; }

        public string? Runtime { get; set; }

        public string? Architecture { get; set; }

        public string? BenchmarkDotNetVersion { get; set; }

        public static EnvironmentDto From(HostEnvironment e) => new()
        {
            Os = e.Os,
            Processor = e.Processor,
            PhysicalCores = e.PhysicalCores,
            LogicalCores = e.LogicalCores,
            Runtime = e.Runtime,
            Architecture = e.Architecture,
            BenchmarkDotNetVersion = e.BenchmarkDotNetVersion,
        };

        public HostEnvironment ToHostEnvironment() => new(
            Os ?? "unknown", Processor ?? "unknown", PhysicalCores, LogicalCores, Runtime ?? "unknown", Architecture ?? "unknown",
            BenchmarkDotNetVersion ?? "unknown");
    }
}
