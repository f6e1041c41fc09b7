using System.Text.Json;
using System.Text.Json.Serialization;

namespace PerfGate.Results;

/// <summary>
/// Reads a full report's "Measurements" array keeping only the workload results (IterationMode "Workload", IterationStage
/// "Result": the iterations BenchmarkDotNet's statistics are made of, which PerfGate splits by launch). A report lists
/// every jitting, pilot, warm-up and overhead iteration too, two to three times as many; skipping them without making an
/// object or a string for each, and keeping the rest as values in one list, keeps a 1,000-case report (40 MB) from filling
/// the heap while it is read (the garbage collector then stopped both reading threads for most of a second).
/// </summary>
internal sealed class WorkloadResultsConverter : JsonConverter<List<WorkloadResult>>
{
    public override List<WorkloadResult>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartArray, "an array of measurements");
        var results = new List<WorkloadResult>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            Expect(ref reader, JsonTokenType.StartObject, "a measurement object");
            bool workload = false, result = false;
            var measurement = new MeasurementFields();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                // A property name, then its value.
                if (reader.ValueTextEquals("IterationMode"u8))
                {
                    reader.Read();
                    workload = IsString(ref reader, "Workload"u8);
                }
                else if (reader.ValueTextEquals("IterationStage"u8))
                {
                    reader.Read();
                    result = IsString(ref reader, "Result"u8);
                }
                else if (reader.ValueTextEquals("LaunchIndex"u8))
                {
                    reader.Read();
                    measurement.LaunchIndex = (int)Number(ref reader);
                }
                else if (reader.ValueTextEquals("Operations"u8))
                {
                    reader.Read();
                    measurement.Operations = Number(ref reader);
                }
                else if (reader.ValueTextEquals("Nanoseconds"u8))
                {
                    reader.Read();
                    measurement.Nanoseconds = Number(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (workload && result && measurement.Operations > 0)
            {
                results.Add(new WorkloadResult(measurement.LaunchIndex, measurement.Nanoseconds / measurement.Operations));
            }
        }

        return results;
    }

    public override void Write(Utf8JsonWriter writer, List<WorkloadResult> value, JsonSerializerOptions options) =>
        throw new NotSupportedException("PerfGate reads BenchmarkDotNet's reports; it does not write them.");

    private static bool IsString(ref Utf8JsonReader reader, ReadOnlySpan<byte> expected)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return false;
        }

        Expect(ref reader, JsonTokenType.String, "a string");
        return reader.ValueTextEquals(expected);
    }

    private static double Number(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.Number, "a number");
        return reader.GetDouble();
    }

    /// <summary>The serializer adds the line and position to a JsonException thrown here.</summary>
    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what)
    {
        if (reader.TokenType != type)
        {
            throw new JsonException($"expected {what}, found {reader.TokenType}");
        }
    }

    private struct MeasurementFields
    {
        public int LaunchIndex;
        public double Operations;
        public double Nanoseconds;
    }
}
