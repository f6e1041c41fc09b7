using System.Diagnostics;

namespace PerfGate.Running;

/// <summary>
/// An exclusive lock between processes, held as an exclusively opened file (the OS releases it when the holder dies). Two
/// are used: one per project's work folder, so two gated builds of one project never touch each other's files, and one per
/// machine, so two projects never measure at the same time. The holder writes who it is to a file beside the lock, so a
/// waiter can say whom it waits for. Files are created readable and writable by every account (a shared temp folder is
/// shared by CI agents running as different users); where another account's file cannot be opened for writing, the lock is
/// taken on a read-only handle, which locks just as well.
/// </summary>
public sealed class RunLock : IDisposable
{
    private const UnixFileMode EveryoneReadWrite =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan ReminderInterval = TimeSpan.FromSeconds(30);

    private readonly FileStream stream;

    private RunLock(FileStream stream) => this.stream = stream;

    /// <summary>The machine-wide lock's default place: the temp folder, shared by every build on the machine.</summary>
    public static string DefaultMachinePath => Path.Combine(Path.GetTempPath(), "perfgate-benchmarks.lock");

    /// <summary>Where the holder describes itself.</summary>
    public static string HolderPath(string lockPath) => lockPath + ".holder";

    /// <summary>
    /// Waits until no other process holds the lock at <paramref name="path"/>, telling <paramref name="onWaiting"/> at once and
    /// then every half minute whom it waits for. Throws <see cref="RunLockTimeoutException"/> after <paramref name="timeout"/>,
    /// and <see cref="RunLockUnusableException"/> when the file cannot be used at all (a folder, no permission, no such folder).
    /// </summary>
    public static async Task<RunLock> AcquireAsync(string path, string holder, TimeSpan timeout, Action<string> onWaiting, CancellationToken cancellation)
    {
        var waiting = Stopwatch.StartNew();
        var nextReminder = TimeSpan.Zero;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            var stream = TryOpen(path);
            if (stream is not null)
            {
                var acquired = new RunLock(stream);
                acquired.Describe(path, holder);
                return acquired;
            }

            if (waiting.Elapsed >= timeout)
            {
                throw new RunLockTimeoutException(path, ReadHolder(path), waiting.Elapsed);
            }

            if (waiting.Elapsed >= nextReminder)
            {
                var since = nextReminder == TimeSpan.Zero ? string.Empty : $" (waiting {Formatting.UnitFormat.Elapsed(waiting.Elapsed)} so far, up to {Formatting.UnitFormat.Elapsed(timeout)})";
                onWaiting($"waiting for {ReadHolder(path) ?? "another PerfGate run"} to finish{since}; lock: {path}");
                nextReminder += ReminderInterval;
            }

            await Task.Delay(PollInterval, cancellation).ConfigureAwait(false);
        }
    }

    public void Dispose() => stream.Dispose();

    /// <summary>The holder's description, or null when it cannot be read (no holder yet, or another account's file).</summary>
    public static string? ReadHolder(string path)
    {
        try
        {
            var text = File.ReadAllText(HolderPath(path)).Trim();
            return text.Length == 0 ? null : text;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Null while another process holds the lock.</summary>
    private static FileStream? TryOpen(string path)
    {
        if (Directory.Exists(path))
        {
            throw new RunLockUnusableException(path, "it is a directory");
        }

        var created = !File.Exists(path);
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            if (created)
            {
                MakeShared(path);
            }

            return stream;
        }
        catch (UnauthorizedAccessException)
        {
            // Another account's lock file: a read-only handle takes the same exclusive lock.
            try
            {
                return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 1, FileOptions.None);
            }
            catch (UnauthorizedAccessException error)
            {
                throw new RunLockUnusableException(path, $"this account may not open it ({error.Message})");
            }
            catch (IOException) when (File.Exists(path))
            {
                return null;
            }
        }
        catch (DirectoryNotFoundException error)
        {
            throw new RunLockUnusableException(path, error.Message);
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
    }

    private void Describe(string path, string holder)
    {
        try
        {
            var holderPath = HolderPath(path);
            var created = !File.Exists(holderPath);
            File.WriteAllText(holderPath, $"{holder} (process {Environment.ProcessId}, since {DateTime.Now:HH:mm:ss})");
            if (created)
            {
                MakeShared(holderPath);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Only a waiter's message loses its detail.
        }
    }

    private static void MakeShared(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            try
            {
                File.SetUnixFileMode(path, EveryoneReadWrite);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // Another account created it first: its mode is that account's to set.
            }
        }
    }
}
