using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using PerfGate.Diagnostics;

namespace PerfGate.Running;

/// <summary>
/// What the benchmark process knows that BenchmarkDotNet's JSON report does not hold: benchmarks whose generated project
/// failed to build, with BenchmarkDotNet's error text, and BenchmarkDotNet's own warnings about a benchmark (its analysers:
/// a multimodal distribution, a measurement indistinguishable from zero, iterations too short to measure). PerfGate's entry
/// point writes them, one JSON object a line, to <see cref="FileName"/> in the artifacts folder.
/// </summary>
public sealed partial record RunNotes(IReadOnlyDictionary<string, string> BuildFailures, IReadOnlyList<RunNotes.Warning> Warnings)
{
    public const string FileName = "perfgate-run-notes.jsonl";

    /// <summary>BenchmarkDotNet's analyser that flags multimodal distributions.</summary>
    public const string MultimodalAnalyser = "MultimodalDistribution";

    public static RunNotes None { get; } = new(new Dictionary<string, string>(), []);

    /// <summary>One warning of a BenchmarkDotNet analyser about one benchmark case.</summary>
    public sealed record Warning(string Benchmark, string Analyser, string Message);

    /// <summary>The notes in <paramref name="artifactsDirectory"/>; none when the file is missing or unreadable.</summary>
    public static RunNotes Read(string artifactsDirectory)
    {
        var path = Path.Combine(artifactsDirectory, FileName);
        if (!File.Exists(path))
        {
            return None;
        }

        var failures = new Dictionary<string, string>(StringComparer.Ordinal);
        var warnings = new List<Warning>();
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
        {
            Dictionary<string, string>? note;
            try
            {
                note = JsonSerializer.Deserialize(line, NoteJson.Default.DictionaryStringString);
            }
            catch (JsonException)
            {
                continue; // A note is a nicety: the report is what the gate judges.
            }

            if (note is null || !note.TryGetValue("benchmark", out var benchmark))
            {
                continue;
            }

            var message = note.GetValueOrDefault("message") ?? string.Empty;
            switch (note.GetValueOrDefault("kind"))
            {
                case "buildFailed":
                    failures.TryAdd(benchmark, message);
                    break;
                case "warning":
                    warnings.Add(new Warning(benchmark, note.GetValueOrDefault("source") ?? string.Empty, message));
                    break;
            }
        }

        return new RunNotes(failures, warnings);
    }

    /// <summary>
    /// The first error of a failed build's output, and where it is when it names a file: MSBuild and the compilers print
    /// <c>path(line,col): error CODE: message [project]</c>.
    /// </summary>
    public static (string Text, SourceLocation? Location) FirstBuildError(string buildOutput)
    {
        var lines = buildOutput.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        foreach (var line in lines)
        {
            var located = LocatedError().Match(line);
            if (located.Success)
            {
                var location = new SourceLocation(located.Groups["file"].Value, int.Parse(located.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                    located.Groups["col"].Success ? int.Parse(located.Groups["col"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0);
                return (StripProject(line), location);
            }
        }

        var anyError = lines.FirstOrDefault(l => l.Contains("error ", StringComparison.OrdinalIgnoreCase) && ErrorCode().IsMatch(l))
            ?? lines.FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase))
            ?? lines.FirstOrDefault()
            ?? "BenchmarkDotNet gave no error text";
        return (StripProject(anyError), null);
    }

    private static string StripProject(string line) => ProjectSuffix().Replace(line, string.Empty);

    [GeneratedRegex(@"^(?<file>.+?)\((?<line>\d+)(,(?<col>\d+))?(,\d+,\d+)?\)\s*:\s*error\s+[A-Za-z]+\d+\s*:")]
    private static partial Regex LocatedError();

    [GeneratedRegex(@"error\s+[A-Za-z]+\d+\s*:")]
    private static partial Regex ErrorCode();

    [GeneratedRegex(@"\s+\[[^\[\]]+\.(cs|vb|fs)proj(::[^\]]*)?\]\s*$")]
    private static partial Regex ProjectSuffix();

    /// <summary>A note line's reading code, generated at compile time (the native perfgate tool has no reflection).</summary>
    [JsonSerializable(typeof(Dictionary<string, string>))]
    private sealed partial class NoteJson : JsonSerializerContext;
}
