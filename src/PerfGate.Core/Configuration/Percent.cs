using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PerfGate.Configuration;

/// <summary>A relative budget in percent: <c>10</c> or <c>"10%"</c> both mean ten percent. Never negative.</summary>
[JsonConverter(typeof(PercentConverter))]
public readonly record struct Percent(double Value)
{
    public double Fraction => Value / 100.0;

    public override string ToString() => Value.ToString("0.##", CultureInfo.InvariantCulture) + "%";

    internal sealed class PercentConverter : JsonConverter<Percent>
    {
        public override Percent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            double value;
            if (reader.TokenType == JsonTokenType.Number)
            {
                value = reader.GetDouble();
            }
            else if (reader.TokenType == JsonTokenType.String
                     && double.TryParse(reader.GetString()!.Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                value = parsed;
            }
            else
            {
                throw new JsonException("a percentage must be a number such as 10 or a string such as \"10%\"");
            }

            if (value < 0 || !double.IsFinite(value))
            {
                throw new JsonException($"a percentage must be zero or more, not {value.ToString(CultureInfo.InvariantCulture)}");
            }

            return new Percent(value);
        }

        public override void Write(Utf8JsonWriter writer, Percent value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Value);
    }
}
