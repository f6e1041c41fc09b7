namespace PerfGate.Running;

/// <summary>
/// Serializes benchmark runs across processes on one machine: in a parallel build (<c>dotnet build -m</c>) two benchmark
/// projects must never measure at the same time, or each disturbs the other's timings. An exclusively opened lock file
/// is released by the OS even when the holder crashes.
/// </summary>
public sealed class MachineWideRunLock : IDisposable
{
    private readonly FileStream stream;

    private MachineWideRunLock(FileStream stream) => this.stream = stream;

    public static string DefaultPath => Path.Combine(Path.GetTempPath(), "perfgate-benchmarks.lock");

    /// <summary>Waits until no other PerfGate run on this machine holds the lock; reports once when it has to wait.</summary>
    public static async Task<MachineWideRunLock> AcquireAsync(string path, Action<string> onWaiting, CancellationToken cancellation)
    {
        var told = false;
        while (true)
        {
            try
            {
                return new MachineWideRunLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
            }
            catch (IOException)
            {
                if (!told)
                {
                    onWaiting($"Waiting for another PerfGate benchmark run on this machine to finish ({path}).");
                    told = true;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellation).ConfigureAwait(false);
            }
        }
    }

    public void Dispose() => stream.Dispose();
}
