using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Perfolizer.Horology;
using Perfolizer.Metrology;

namespace PerfGate.Configuration;

/// <summary>An absolute time limit written with its unit, as BenchmarkDotNet prints times: "250ns", "3.5us", "2ms", "1s".</summary>
[JsonConverter(typeof(DurationConverter))]
public readonly record struct Duration(double Nanoseconds)
{
    public override string ToString() => Formatting.UnitFormat.Time(Nanoseconds);

    /// <summary>Parses with Perfolizer's measurement syntax, so units read as BenchmarkDotNet writes them.</summary>
    public static bool TryParse(string text, out Duration duration)
    {
        duration = default;
        var normalized = text.Trim().Replace("μs", "us", StringComparison.Ordinal).Replace("µs", "us", StringComparison.Ordinal);
        if (!MeasurementValue.TryParse(normalized, out var value) || value.AsTimeInterval() is not TimeInterval interval)
        {
            return false;
        }

        duration = new Duration(interval.Nanoseconds);
        return duration.Nanoseconds >= 0 && double.IsFinite(duration.Nanoseconds);
    }

    internal sealed class DurationConverter : JsonConverter<Duration>
    {
        public override Duration Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String && TryParse(reader.GetString()!, out var duration))
            {
                return duration;
            }

            throw new JsonException("a time limit must be a string with a unit, such as \"250ns\", \"3.5us\", \"2ms\" or \"1s\"");
        }

        public override void Write(Utf8JsonWriter writer, Duration value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Nanoseconds.ToString(CultureInfo.InvariantCulture) + "ns");
    }
}
