using System.Text.Json;
using System.Text.Json.Serialization;

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

internal sealed class OffOrConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(OffOr<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(OffOrConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class OffOrConverter<T> : JsonConverter<OffOr<T>>
        where T : struct
    {
        public override bool HandleNull => true;

        // The inner value's converter is called directly: a nested JsonSerializer.Deserialize would report errors at
        // its own line numbers, not the file's.
        public override OffOr<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null
                ? OffOr<T>.Off
                : OffOr<T>.Of(((JsonConverter<T>)options.GetConverter(typeof(T))).Read(ref reader, typeof(T), options));

        public override void Write(Utf8JsonWriter writer, OffOr<T> value, JsonSerializerOptions options)
        {
            if (value.Value is T set)
            {
                JsonSerializer.Serialize(writer, set, options);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }
}
