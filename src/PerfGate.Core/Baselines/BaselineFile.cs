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
        if (Directory.Exists(path))
        {
            throw new PerfGateFileException(path, "it is a directory, not a file");
        }

        var (dto, text) = await StrictJsonFile.ReadAsync(path, "a baseline object", StrictJsonFile.Types.Default.BaselineDto, cancellation).ConfigureAwait(false);
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

            if (entry.ProcessMediansNs is { } medians && (medians.Length < 2 || medians.Any(m => !double.IsFinite(m) || m < 0)))
            {
                var at = JsonKeyLocator.Find(path, text, key) ?? new SourceLocation(path, 1, 1);
                throw new PerfGateFileException(path, $"the entry \"{key}\" has processMediansNs, which must hold at least two non-negative numbers", at.Line, at.Column);
            }

            var gc = entry.GcPer1000Operations is { Length: 3 } counts && counts.All(c => double.IsFinite(c) && c >= 0) ? new GcCounts(counts[0], counts[1], counts[2]) : null;
            entries[key] = new BaselineEntry(entry.SamplesNs, entry.AllocatedBytes, entry.Job ?? "unknown", entry.Reason, entry.IlHash, entry.ProcessMediansNs, gc);
        }

        return new Baseline(dto.Environment?.ToHostEnvironment() ?? HostEnvironment.Unknown, entries);
    }

    /// <summary>
    /// Why the baseline could not be written at <paramref name="path"/>, checked before any benchmark runs (so a read-only
    /// folder does not cost a whole run); null when it can be. Tries what writing does: a temporary file in the folder, and
    /// the existing file opened for writing without changing it.
    /// </summary>
    public static string? WhyNotWritable(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return "it is a directory, not a file";
        }

        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
        {
            return File.Exists(directory) ? $"{directory} is a file, not a folder" : $"the folder {directory} does not exist";
        }

        try
        {
            var probe = TemporaryPath(full);
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }

            if (File.Exists(full))
            {
                using var existing = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            }

            return null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return error.Message;
        }
    }

    /// <summary>
    /// Writes atomically: to a temporary file beside the target, then a rename, so a crash never leaves half a baseline; a
    /// failed write removes its temporary file and throws <see cref="PerfGateFileException"/> with the reason.
    /// </summary>
    public static async Task WriteAsync(string path, Baseline baseline, CancellationToken cancellation = default)
    {
        var full = Path.GetFullPath(path);
        var temporary = TemporaryPath(full);
        try
        {
            if (Directory.Exists(full))
            {
                throw new IOException("it is a directory, not a file");
            }

            await File.WriteAllTextAsync(temporary, Serialize(baseline), new UTF8Encoding(false), cancellation).ConfigureAwait(false);
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or OperationCanceledException)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Nothing was created there, or nothing can be: either way nothing is left behind by this write.
            }

            if (error is OperationCanceledException)
            {
                throw;
            }

            throw new PerfGateFileException(full, error.Message, inner: error);
        }
    }

    /// <summary>Unique per write, so two builds writing at once never share a temporary file.</summary>
    private static string TemporaryPath(string fullPath) =>
        Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");

    public static string Serialize(Baseline baseline)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUrl);
            json.WriteNumber("schemaVersion", Baseline.CurrentSchemaVersion);
            json.WritePropertyName("environment");
            JsonSerializer.Serialize(json, EnvironmentDto.From(baseline.Environment), StrictJsonFile.Types.Default.EnvironmentDto);
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

                if (entry.Gc is { } gc)
                {
                    // Gen0, Gen1, Gen2 collections per 1,000 operations, as BenchmarkDotNet's columns: shown in reports, never gated.
                    json.WritePropertyName("gcPer1000Operations");
                    json.WriteRawValue(FormattableString.Invariant($"[{Math.Round(gc.Gen0Per1000, 4)}, {Math.Round(gc.Gen1Per1000, 4)}, {Math.Round(gc.Gen2Per1000, 4)}]"));
                }

                // The median of the samples as written, so reading and writing an entry again gives the same text: an entry
                // another shard or a filtered run did not re-record must not show up in the diff.
                var samples = entry.SamplesNs.Select(Round).ToArray();
                json.WriteNumber("medianNs", Round(BaselineEntry.Median(samples)));
                if (entry.ProcessMediansNs is { } medians)
                {
                    // Where each recording process landed: the between-process spread the time rule allows for.
                    json.WritePropertyName("processMediansNs");
                    json.WriteRawValue("[" + string.Join(", ", medians.Select(m => Round(m).ToString(CultureInfo.InvariantCulture))) + "]");
                }

                // One line of samples keeps a re-recorded entry a small, readable diff.
                json.WritePropertyName("samplesNs");
                json.WriteRawValue("[" + string.Join(", ", samples.Select(s => s.ToString(CultureInfo.InvariantCulture))) + "]");
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

    internal sealed class BaselineDto
    {
        [JsonPropertyName("$schema")]
        public string? Schema { get; set; }

        public int SchemaVersion { get; set; }

        public EnvironmentDto? Environment { get; set; }

        public Dictionary<string, EntryDto>? Benchmarks { get; set; }
    }

    internal sealed class EntryDto
    {
        public string? Job { get; set; }

        public long? AllocatedBytes { get; set; }

        public double? MedianNs { get; set; }

        public double[]? SamplesNs { get; set; }

        public double[]? ProcessMediansNs { get; set; }

        public double[]? GcPer1000Operations { get; set; }

        public string? Reason { get; set; }

        public string? IlHash { get; set; }
    }

    internal sealed class EnvironmentDto
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
