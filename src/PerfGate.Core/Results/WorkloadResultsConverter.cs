using System.Text.Json;
using System.Text.Json.Serialization;

namespace PerfGate.Results;

/// <summary>
/// Reads a full report's "Measurements" array keeping only the workload results (IterationMode "Workload", IterationStage
/// "Result": the iterations BenchmarkDotNet's statistics are made of, which PerfGate splits by launch). A report lists
/// every jitting, pilot, warm-up and overhead iteration too, two to three times as many; skipping them without making an
/// object or a string for each, and keeping the rest as values in one list, keeps a 1,000-case report (40 MB) from
/// becoming 248,000 objects with two strings each.
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
            bool workload = false, result = false, rejected = false;
            var launch = 0;
            double operations = 0, nanoseconds = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                // A property name, then its value. Once the mode or stage rules a measurement out (BenchmarkDotNet writes
                // them first), the rest of it is skipped unread.
                if (rejected)
                {
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("IterationMode"u8))
                {
                    reader.Read();
                    workload = IsString(ref reader, "Workload"u8);
                    rejected = !workload;
                }
                else if (reader.ValueTextEquals("IterationStage"u8))
                {
                    reader.Read();
                    result = IsString(ref reader, "Result"u8);
                    rejected = !result;
                }
                else if (reader.ValueTextEquals("LaunchIndex"u8))
                {
                    reader.Read();
                    launch = (int)Number(ref reader);
                }
                else if (reader.ValueTextEquals("Operations"u8))
                {
                    reader.Read();
                    operations = Number(ref reader);
                }
                else if (reader.ValueTextEquals("Nanoseconds"u8))
                {
                    reader.Read();
                    nanoseconds = Number(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }

            if (workload && result && operations > 0)
            {
                results.Add(new WorkloadResult(launch, nanoseconds / operations));
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
}
