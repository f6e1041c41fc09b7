using System.Text.Json;
using System.Text.Json.Serialization;

namespace PerfGate.Diagnostics;

/// <summary>
/// Reads the JSON files users edit (perfgate.json, perfgate.baseline.json) strictly: unknown properties are errors, so a
/// typo never silently switches a budget off, and so are repeated keys; comments and trailing commas are allowed. Every problem becomes a
/// <see cref="PerfGateFileException"/> with its line and column.
/// </summary>
internal static class StrictJsonFile
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        // A repeated key would silently replace the block before it (and drop its budgets): an error, at the repeat.
        AllowDuplicateProperties = false,
    };

    /// <summary>The file's text and its content; <paramref name="what"/> names the expected content in the error for a "null" file.</summary>
    public static async Task<(T Value, string Text)> ReadAsync<T>(string path, string what, CancellationToken cancellation)
        where T : class
    {
        var text = await File.ReadAllTextAsync(path, cancellation).ConfigureAwait(false);
        T? value;
        try
        {
            value = JsonSerializer.Deserialize<T>(text, Options);
        }
        catch (JsonException error)
        {
            throw PerfGateFileException.FromJson(path, error);
        }

        return value is null ? throw new PerfGateFileException(path, $"the file holds null instead of {what}", 1, 1) : (value, text);
    }
}
