namespace PerfGate.Gating;

/// <summary>A log that several benchmark processes' readers write to at once (A/B mode's paired runs): one line at a time.</summary>
internal sealed class SynchronizedGateLog(IGateLog inner) : IGateLog
{
    private readonly Lock gate = new();

    public void Detail(string message)
    {
        lock (gate)
        {
            inner.Detail(message);
        }
    }

    public void Progress(string message)
    {
        lock (gate)
        {
            inner.Progress(message);
        }
    }

    public void Summary(string message)
    {
        lock (gate)
        {
            inner.Summary(message);
        }
    }
}
