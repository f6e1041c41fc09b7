namespace PerfGate.Gating;

/// <summary>Where a gated run reports progress; the MSBuild task maps these to message importances.</summary>
public interface IGateLog
{
    /// <summary>Everything the benchmark process prints, and other detail (low importance).</summary>
    void Detail(string message);

    /// <summary>What is running now: each benchmark as it starts, waits, confirmation runs (shown at the default verbosity).</summary>
    void Progress(string message);

    /// <summary>The summary and other lines every user should see (high importance).</summary>
    void Summary(string message);
}
