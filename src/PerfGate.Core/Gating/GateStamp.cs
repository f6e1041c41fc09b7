namespace PerfGate.Gating;

/// <summary>
/// The record of the last gated run that did not fail (gate.stamp in PerfGate's work folder): the fingerprint of its inputs
/// and what it ended in. A run that failed deletes it, so the next build runs again.
/// </summary>
/// <param name="Fingerprint">See <see cref="GateFingerprint"/>.</param>
/// <param name="Verdict">PASS or WARN, or RECORDED when that run recorded the baseline.</param>
public sealed record GateStamp(string Fingerprint, string Verdict)
{
    public const string Recorded = "RECORDED";

    public static GateStamp? Read(string path)
    {
        try
        {
            var lines = File.ReadAllLines(path);
            return lines.Length >= 2 ? new GateStamp(lines[0].Trim(), lines[1].Trim()) : null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Write(string path) => File.WriteAllLines(path, [Fingerprint, Verdict]);

    public static void Delete(string path) => File.Delete(path);
}
