namespace PerfGate.Diagnostics;

/// <summary>
/// Feeds a JSON file to a <see cref="System.Text.Json.Utf8JsonReader"/>-based step one buffer at a time. What a step leaves
/// unread (a token, or a unit of its own, cut by the buffer's end) is kept and offered again with more of the file; the
/// buffer grows only when that left-over fills it. A step can stop early (telling a baseline file from a report needs its
/// first properties) or stream a large file through one buffer (a report of 1,000 cases is about 40 MB).
/// </summary>
public static class ChunkedJsonReader
{
    /// <summary>
    /// Reads what it can of <paramref name="data"/> and returns how many bytes it is done with; <paramref name="done"/> when
    /// it needs no more of the file. <paramref name="isFinalBlock"/>: the data runs to the end of the file.
    /// </summary>
    public delegate int Step(ReadOnlySpan<byte> data, bool isFinalBlock, out bool done);

    public static async Task ReadAsync(Stream stream, int firstBufferSize, Step step, CancellationToken cancellation)
    {
        var buffer = new byte[firstBufferSize];
        var filled = 0;
        while (true)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellation).ConfigureAwait(false);
            filled += read;
            var isFinalBlock = read == 0;
            var consumed = step(buffer.AsSpan(0, filled), isFinalBlock, out var done);
            if (done || isFinalBlock)
            {
                return;
            }

            buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
            filled -= consumed;
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }
    }
}
