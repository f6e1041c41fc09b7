using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text.Json;
using PerfGate.Diagnostics;

namespace PerfGate.Results;

/// <summary>
/// Reads the fields PerfGate maps from BenchmarkDotNet's full JSON report with System.Text.Json's Utf8JsonReader, streaming
/// the file through one buffer a benchmark at a time. Why not JsonSerializer over the whole file: a report of 1,000 cases
/// is about 40 MB, and a short-lived process (the perfgate tool) spent more time faulting in that much fresh memory and
/// compiling the serializer's generic code at run time than parsing (eng/measure-tool.sh times it); this walk is plain code,
/// compiled to native code with the tool, that touches one buffer of about the size of the largest benchmark.
/// <para>
/// The report is taken as units (the root's opening, each root property, each benchmark, the closing); a unit cut by the
/// buffer's end is read again from its start once more of the file is in. Names are matched exactly, as the serializer did,
/// and only the iterations PerfGate uses are kept: workload results (IterationMode "Workload", IterationStage "Result"),
/// as values, the rest skipped unread.
/// </para>
/// </summary>
internal sealed class FullReportParser
{
    private const int FirstBufferSize = 1024 * 1024;

    private enum Position
    {
        BeforeRoot,
        InRoot,
        InBenchmarks,
        AfterRoot,
    }

    private Position position = Position.BeforeRoot;
    private JsonReaderState state;
    private long lineOfBuffer;
    private long columnOfBuffer;

    private HostDto? host;
    private List<BenchmarkDto>? benchmarks;

    /// <summary>
    /// Thrown where the buffer ends inside a unit: it is read again from the unit's start with more of the file. Rare (about
    /// once a megabyte), so an exception keeps the reading code straight instead of checking every read.
    /// </summary>
    private sealed class UnitCutException : Exception;

    /// <summary>The report in <paramref name="stream"/>; a JsonException (with its line and position) if it is not one.</summary>
    public static async Task<(HostDto? Host, List<BenchmarkDto>? Benchmarks)> ReadAsync(Stream stream, CancellationToken cancellation)
    {
        var parser = new FullReportParser();
        await ChunkedJsonReader.ReadAsync(stream, FirstBufferSize, parser.Parse, cancellation).ConfigureAwait(false);
        return parser.position == Position.AfterRoot
            ? (parser.host, parser.benchmarks)
            : throw new JsonException("the report ends before its root object does");
    }

    /// <summary>Reads the whole units in <paramref name="data"/>; returns how many bytes they took.</summary>
    private int Parse(ReadOnlySpan<byte> data, bool isFinalBlock, out bool done)
    {
        done = false;
        var reader = new Utf8JsonReader(data, isFinalBlock, state);
        while (true)
        {
            var unitStart = reader;
            try
            {
                if (!ReadUnit(ref reader, data))
                {
                    return Consumed(reader, data);
                }
            }
            catch (UnitCutException)
            {
                return Consumed(unitStart, data);
            }
        }
    }

    /// <summary>
    /// Where the next read starts: after <paramref name="reader"/>. The lines of the bytes before it are counted, so that
    /// errors further on say where they are in the file.
    /// </summary>
    private int Consumed(Utf8JsonReader reader, ReadOnlySpan<byte> data)
    {
        state = reader.CurrentState;
        var consumed = data[..(int)reader.BytesConsumed];
        var lastNewline = consumed.LastIndexOf((byte)'\n');
        lineOfBuffer += consumed.Count((byte)'\n');
        columnOfBuffer = lastNewline >= 0 ? consumed.Length - lastNewline - 1 : columnOfBuffer + consumed.Length;
        return consumed.Length;
    }

    /// <summary>Reads one unit; false at the end of the data (all of the file when it is the final block).</summary>
    private bool ReadUnit(ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
    {
        if (!reader.Read())
        {
            if (!reader.IsFinalBlock)
            {
                return false;
            }

            if (position != Position.AfterRoot)
            {
                throw Error(ref reader, data, "the report ends before its root object does");
            }

            return false;
        }

        switch (position)
        {
            case Position.BeforeRoot:
                Expect(ref reader, data, JsonTokenType.StartObject, "an object at the report's root");
                position = Position.InRoot;
                break;
            case Position.InRoot when reader.TokenType == JsonTokenType.EndObject:
                position = Position.AfterRoot;
                break;
            case Position.InRoot when reader.ValueTextEquals("HostEnvironmentInfo"u8):
                Next(ref reader);
                host = reader.TokenType == JsonTokenType.Null ? null : ReadHost(ref reader, data);
                break;
            case Position.InRoot when reader.ValueTextEquals("Benchmarks"u8):
                Next(ref reader);
                if (reader.TokenType == JsonTokenType.Null)
                {
                    benchmarks = null;
                    break;
                }

                Expect(ref reader, data, JsonTokenType.StartArray, "\"Benchmarks\"");
                benchmarks = [];
                position = Position.InBenchmarks;
                break;
            case Position.InRoot:
                SkipValue(ref reader);
                break;
            case Position.InBenchmarks when reader.TokenType == JsonTokenType.EndArray:
                position = Position.InRoot;
                break;
            case Position.InBenchmarks:
                benchmarks!.Add(ReadBenchmark(ref reader, data));
                break;
            case Position.AfterRoot:
                // The reader refuses anything after the root on its own; nothing is left to map.
                break;
        }

        return true;
    }

    private HostDto ReadHost(ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
    {
        Expect(ref reader, data, JsonTokenType.StartObject, "\"HostEnvironmentInfo\"");
        var result = new HostDto();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("BenchmarkDotNetVersion"u8))
            {
                result.BenchmarkDotNetVersion = ReadString(ref reader, data);
            }
            else if (reader.ValueTextEquals("OsVersion"u8))
            {
                result.OsVersion = ReadString(ref reader, data);
            }
            else if (reader.ValueTextEquals("ProcessorName"u8))
            {
                result.ProcessorName = ReadString(ref reader, data);
            }
            else if (reader.ValueTextEquals("PhysicalCoreCount"u8))
            {
                result.PhysicalCoreCount = ReadInt32OrNull(ref reader, data);
            }
            else if (reader.ValueTextEquals("LogicalCoreCount"u8))
            {
                result.LogicalCoreCount = ReadInt32OrNull(ref reader, data);
            }
            else if (reader.ValueTextEquals("RuntimeVersion"u8))
            {
                result.RuntimeVersion = ReadString(ref reader, data);
            }
            else if (reader.ValueTextEquals("Architecture"u8))
            {
                result.Architecture = ReadString(ref reader, data);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return result;
    }

    private BenchmarkDto ReadBenchmark(ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
    {
        Expect(ref reader, data, JsonTokenType.StartObject, "a benchmark in \"Benchmarks\"");
        var result = new BenchmarkDto();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("DisplayInfo"u8))
            {
                result.DisplayInfo = ReadString(ref reader, data);
            }
            else if (reader.ValueTextEquals("Namespace"u8))
            {
                result.Namespace = ReadString(ref reader, data);
            }
            else if (reader.ValueTextEquals("Type"u8))
            {
                result.Type = ReadString(ref reader, data);
            }
            else if (reader.ValueTextEquals("Method"u8))
            {
                result.Method = ReadString(ref reader, data);
            }
            else if (reader.ValueTextEquals("FullName"u8))
            {
                result.FullName = ReadString(ref reader, data);
            }
            else if (reader.ValueTextEquals("Statistics"u8))
            {
                Next(ref reader);
                result.OriginalValues = reader.TokenType == JsonTokenType.Null ? null : ReadOriginalValues(ref reader, data);
            }
            else if (reader.ValueTextEquals("Memory"u8))
            {
                Next(ref reader);
                result.Memory = reader.TokenType == JsonTokenType.Null ? null : ReadMemory(ref reader, data);
            }
            else if (reader.ValueTextEquals("Measurements"u8))
            {
                Next(ref reader);
                result.Measurements = reader.TokenType == JsonTokenType.Null ? null : ReadWorkloadResults(ref reader, data);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return result;
    }

    /// <summary>"Statistics": only its "OriginalValues" (the workload results the statistics are made of).</summary>
    private double[]? ReadOriginalValues(ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
    {
        Expect(ref reader, data, JsonTokenType.StartObject, "\"Statistics\"");
        double[]? values = null;
        while (NextProperty(ref reader))
        {
            if (!reader.ValueTextEquals("OriginalValues"u8))
            {
                SkipValue(ref reader);
                continue;
            }

            Next(ref reader);
            if (reader.TokenType == JsonTokenType.Null)
            {
                values = null;
                continue;
            }

            Expect(ref reader, data, JsonTokenType.StartArray, "\"OriginalValues\"");
            var list = new List<double>();
            while (Next(ref reader) != JsonTokenType.EndArray)
            {
                list.Add(ReadNumber(ref reader, data));
            }

            values = [.. list];
        }

        return values;
    }

    private MemoryDto ReadMemory(ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
    {
        Expect(ref reader, data, JsonTokenType.StartObject, "\"Memory\"");
        var result = new MemoryDto();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("BytesAllocatedPerOperation"u8))
            {
                result.BytesAllocatedPerOperation = ReadInt64OrNull(ref reader, data, allowString: true);
            }
            else if (reader.ValueTextEquals("Gen0Collections"u8))
            {
                result.Gen0Collections = ReadInt64(ref reader, data);
            }
            else if (reader.ValueTextEquals("Gen1Collections"u8))
            {
                result.Gen1Collections = ReadInt64(ref reader, data);
            }
            else if (reader.ValueTextEquals("Gen2Collections"u8))
            {
                result.Gen2Collections = ReadInt64(ref reader, data);
            }
            else if (reader.ValueTextEquals("TotalOperations"u8))
            {
                result.TotalOperations = ReadInt64(ref reader, data);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return result;
    }

    /// <summary>
    /// "Measurements": the workload results only, as values. A report lists every jitting, pilot, warm-up and overhead
    /// iteration too, two to three times as many; once a measurement's mode or stage (BenchmarkDotNet writes them first)
    /// rules it out, the rest of it is skipped unread.
    /// </summary>
    /// <remarks>
    /// Where the code is compiled at run time (the build, the portable tool), this loop is compiled optimized when first
    /// called rather than through the quick first tier: it reads most of a report's bytes.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private List<WorkloadResult> ReadWorkloadResults(ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
    {
        Expect(ref reader, data, JsonTokenType.StartArray, "\"Measurements\"");
        var results = new List<WorkloadResult>();
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            Expect(ref reader, data, JsonTokenType.StartObject, "a measurement");
            bool workload = false, result = false, rejected = false;
            var launch = 0;
            double operations = 0, nanoseconds = 0;
            while (NextProperty(ref reader))
            {
                if (rejected)
                {
                    SkipValue(ref reader);
                }
                else if (reader.ValueTextEquals("IterationMode"u8))
                {
                    workload = ReadStringIs(ref reader, data, "Workload"u8);
                    rejected = !workload;
                }
                else if (reader.ValueTextEquals("IterationStage"u8))
                {
                    result = ReadStringIs(ref reader, data, "Result"u8);
                    rejected = !result;
                }
                else if (reader.ValueTextEquals("LaunchIndex"u8))
                {
                    Next(ref reader);
                    launch = (int)ReadNumber(ref reader, data);
                }
                else if (reader.ValueTextEquals("Operations"u8))
                {
                    Next(ref reader);
                    operations = ReadNumber(ref reader, data);
                }
                else if (reader.ValueTextEquals("Nanoseconds"u8))
                {
                    Next(ref reader);
                    nanoseconds = ReadNumber(ref reader, data);
                }
                else
                {
                    SkipValue(ref reader);
                }
            }

            if (workload && result && operations > 0)
            {
                results.Add(new WorkloadResult(launch, nanoseconds / operations));
            }
        }

        return results;
    }

    /// <summary>The next token; the unit is cut when the buffer ends first.</summary>
    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new UnitCutException();
        }

        return reader.TokenType;
    }

    /// <summary>Moves to an object's next property name; false at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader) => Next(ref reader) == JsonTokenType.PropertyName;

    /// <summary>
    /// Skips the value after a property name: a single token read, or an object or array skipped whole (TrySkip: Skip
    /// throws when the buffer is not the file's last).
    /// </summary>
    private static void SkipValue(ref Utf8JsonReader reader)
    {
        if (Next(ref reader) is (JsonTokenType.StartObject or JsonTokenType.StartArray) && !reader.TrySkip())
        {
            throw new UnitCutException();
        }
    }

    private string? ReadString(ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, data, JsonTokenType.String, "a string");
        return reader.GetString();
    }

    private bool ReadStringIs(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, ReadOnlySpan<byte> expected)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return false;
        }

        Expect(ref reader, data, JsonTokenType.String, "a string");
        return reader.ValueTextEquals(expected);
    }

    private double ReadNumber(ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
    {
        Expect(ref reader, data, JsonTokenType.Number, "a number");
        return reader.GetDouble();
    }

    private int? ReadInt32OrNull(ref Utf8JsonReader reader, ReadOnlySpan<byte> data)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, data, JsonTokenType.Number, "a whole number");
        return reader.TryGetInt32(out var value) ? value : throw Error(ref reader, data, "expected a whole number that fits 32 bits");
    }

    private long ReadInt64(ref Utf8JsonReader reader, ReadOnlySpan<byte> data) =>
        ReadInt64OrNull(ref reader, data, allowString: false) ?? throw Error(ref reader, data, "expected a whole number, found null");

    /// <summary>A whole number; with <paramref name="allowString"/> also one written as a string (BenchmarkDotNet writes some so).</summary>
    private long? ReadInt64OrNull(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, bool allowString)
    {
        Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (allowString && reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped
            && Utf8Parser.TryParse(reader.ValueSpan, out long parsed, out var length) && length == reader.ValueSpan.Length)
        {
            return parsed;
        }

        Expect(ref reader, data, JsonTokenType.Number, "a whole number");
        return reader.TryGetInt64(out var value) ? value : throw Error(ref reader, data, "expected a whole number that fits 64 bits");
    }

    private void Expect(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, JsonTokenType type, string what)
    {
        if (reader.TokenType != type)
        {
            throw Error(ref reader, data, $"expected {what}{(what.StartsWith('"') ? " to be " + Article(type) : string.Empty)}, found {reader.TokenType}");
        }
    }

    private static string Article(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => type.ToString(),
    };

    /// <summary>A JsonException at the current token's line and position in the file (zero-based, as the reader's own).</summary>
    private JsonException Error(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, string message)
    {
        var before = data[..(int)Math.Min(reader.TokenStartIndex, data.Length)];
        var lastNewline = before.LastIndexOf((byte)'\n');
        var line = lineOfBuffer + before.Count((byte)'\n');
        var column = lastNewline >= 0 ? before.Length - lastNewline - 1 : columnOfBuffer + before.Length;
        return new JsonException(message, null, line, column);
    }

    /// <summary>"HostEnvironmentInfo": the machine and runtime that ran the benchmarks.</summary>
    internal sealed class HostDto
    {
        public string? BenchmarkDotNetVersion { get; set; }

        public string? OsVersion { get; set; }

        public string? ProcessorName { get; set; }

        public int? PhysicalCoreCount { get; set; }

        public int? LogicalCoreCount { get; set; }

        public string? RuntimeVersion { get; set; }

        public string? Architecture { get; set; }
    }

    /// <summary>One entry of "Benchmarks": a benchmark case (method, parameters and job).</summary>
    internal sealed class BenchmarkDto
    {
        public string? DisplayInfo { get; set; }

        public string? Namespace { get; set; }

        public string? Type { get; set; }

        public string? Method { get; set; }

        public string? FullName { get; set; }

        /// <summary>"Statistics"."OriginalValues"; null when the case has no statistics (it failed).</summary>
        public double[]? OriginalValues { get; set; }

        public MemoryDto? Memory { get; set; }

        /// <summary>Only the workload results, per operation.</summary>
        public List<WorkloadResult>? Measurements { get; set; }
    }

    /// <summary>"Memory": MemoryDiagnoser's figures.</summary>
    internal sealed class MemoryDto
    {
        public long? BytesAllocatedPerOperation { get; set; }

        public long Gen0Collections { get; set; }

        public long Gen1Collections { get; set; }

        public long Gen2Collections { get; set; }

        public long TotalOperations { get; set; }
    }
}
