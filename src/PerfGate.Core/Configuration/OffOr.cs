using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace PerfGate.Configuration;

/// <summary>
/// A config setting that can be switched off with JSON <c>null</c>. A property left out of the file inherits the value
/// from the level above (a C# <c>null</c> <see cref="OffOr{T}"/>); a property set to <c>null</c> is explicitly off.
/// </summary>
[JsonConverter(typeof(OffOrConverterFactory))]
public sealed record OffOr<T>(T? Value)
    where T : struct
{
    public static OffOr<T> Off { get; } = new((T?)null);

    public static OffOr<T> Of(T value) => new(value);
}

/// <summary>
/// The converters of the settings that can be off, one per kind of value, each over that value's own converter. A fixed
/// list rather than one made by reflection for any T: the native perfgate tool cannot make generic types at run time.
/// </summary>
internal sealed class OffOrConverterFactory : JsonConverterFactory
{
    private static readonly JsonConverter[] Converters =
    [
        new OffOrConverter<Percent>(new Percent.PercentConverter()),
        new OffOrConverter<Duration>(new Duration.DurationConverter()),
        new OffOrConverter<long>(JsonMetadataServices.Int64Converter),
    ];

    public override bool CanConvert(Type typeToConvert) => Converters.Any(c => c.CanConvert(typeToConvert));

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        Converters.FirstOrDefault(c => c.CanConvert(typeToConvert))
            ?? throw new NotSupportedException($"{typeToConvert} is not a setting that can be off; add its converter to {nameof(OffOrConverterFactory)}");

    private sealed class OffOrConverter<T>(JsonConverter<T> value) : JsonConverter<OffOr<T>>
        where T : struct
    {
        public override bool HandleNull => true;

        // The inner value's converter is called directly: a nested JsonSerializer.Deserialize would report errors at
        // its own line numbers, not the file's.
        public override OffOr<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null
                ? OffOr<T>.Off
                : OffOr<T>.Of(value.Read(ref reader, typeof(T), options));

        public override void Write(Utf8JsonWriter writer, OffOr<T> setting, JsonSerializerOptions options)
        {
            if (setting.Value is T set)
            {
                value.Write(writer, set, options);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }
}
