using System.Text.Json;
using PerfGate.Diagnostics;

namespace PerfGate.Tool;

/// <summary>
/// Tells a perfgate.baseline.json (a lower-case "benchmarks" object at its root) from BenchmarkDotNet's full report (a
/// "Benchmarks" array) by reading the root object only as far as the first of those names: a few kilobytes into either
/// file, where the whole of a 40 MB report used to be parsed just to ask.
/// </summary>
internal static class BaselineFileProbe
{
    private const int FirstBufferSize = 16 * 1024;

    public static async Task<bool> IsBaselineFileAsync(string path, CancellationToken cancellation)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        var state = new JsonReaderState();
        var answer = false;
        try
        {
            await ChunkedJsonReader.ReadAsync(stream, FirstBufferSize, (ReadOnlySpan<byte> data, bool isFinalBlock, out bool done) =>
            {
                var decided = Decide(data, isFinalBlock, ref state, out var consumed);
                answer = decided ?? false;
                done = decided is not null;
                return consumed;
            }, cancellation).ConfigureAwait(false);
            return answer;
        }
        catch (JsonException error)
        {
            throw PerfGateFileException.FromJson(path, error);
        }
    }

    /// <summary>True or false once the data decides; null when it ends first (then <paramref name="consumed"/> bytes are done).</summary>
    private static bool? Decide(ReadOnlySpan<byte> data, bool isFinalBlock, ref JsonReaderState state, out int consumed)
    {
        var reader = new Utf8JsonReader(data, isFinalBlock, state);
        while (true)
        {
            // Where to resume when the data ends inside the step below: before the token it started on.
            var resume = reader;
            if (!reader.Read())
            {
                return Suspend(resume, out state, out consumed, isFinalBlock);
            }

            if (reader.CurrentDepth == 0 && reader.TokenType != JsonTokenType.StartObject)
            {
                consumed = 0;
                return false;
            }

            if (reader.CurrentDepth != 1 || reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (reader.ValueTextEquals("Benchmarks"u8))
            {
                consumed = 0;
                return false;
            }

            var isBaselineName = reader.ValueTextEquals("benchmarks"u8);
            if (!(isBaselineName ? reader.Read() : reader.TrySkip()))
            {
                return Suspend(resume, out state, out consumed, isFinalBlock);
            }

            if (isBaselineName)
            {
                consumed = 0;
                return reader.TokenType == JsonTokenType.StartObject;
            }
        }
    }

    private static bool? Suspend(Utf8JsonReader resume, out JsonReaderState state, out int consumed, bool isFinalBlock)
    {
        state = resume.CurrentState;
        consumed = (int)resume.BytesConsumed;
        return isFinalBlock ? false : null;
    }
}
