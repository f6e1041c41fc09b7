using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using PerfGate.Baselines;
using PerfGate.Configuration;

namespace PerfGate.Diagnostics;

/// <summary>
/// Reads the JSON files users edit (perfgate.json, perfgate.baseline.json) strictly: unknown properties are errors, so a
/// typo never silently switches a budget off, and so are repeated keys; comments and trailing commas are allowed. Every problem becomes a
/// <see cref="PerfGateFileException"/> with its line and column.
/// The reading code is generated at compile time (<see cref="Types"/>): the native perfgate tool cannot serialize by
/// reflection, and the build reads the files with the same code.
/// </summary>
internal static partial class StrictJsonFile
{
    /// <summary>The types of the strict files, with their options: camelCase names; a repeated key would silently replace
    /// the block before it (and drop its budgets), so it is an error at the repeat.</summary>
    [JsonSourceGenerationOptions(
        PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        AllowDuplicateProperties = false)]
    [JsonSerializable(typeof(BaselineFile.BaselineDto))]
    [JsonSerializable(typeof(ConfigFileSection))]
    internal sealed partial class Types : JsonSerializerContext;

    /// <summary>The file's text and its content; <paramref name="what"/> names the expected content in the error for a "null" file.</summary>
    public static async Task<(T Value, string Text)> ReadAsync<T>(string path, string what, JsonTypeInfo<T> type, CancellationToken cancellation)
        where T : class
    {
        var text = await File.ReadAllTextAsync(path, cancellation).ConfigureAwait(false);
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(text, type);
        }
        catch (JsonException error)
        {
            throw PerfGateFileException.FromJson(path, error);
        }

        return value is null ? throw new PerfGateFileException(path, $"the file holds null instead of {what}", 1, 1) : (value, text);
    }
}
