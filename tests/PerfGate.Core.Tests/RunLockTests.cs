using PerfGate.Running;

namespace PerfGate.Core.Tests;

[TestClass]
public sealed class RunLockTests
{
    private string directory = null!;

    [TestInitialize]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("perfgate-lock-").FullName;

    [TestCleanup]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    private string LockPath => Path.Combine(directory, "run.lock");

    [TestMethod]
    public async Task A_second_run_waits_says_for_whom_and_goes_on_when_the_first_releases_the_lock()
    {
        var waited = new List<string>();
        var first = await RunLock.AcquireAsync(LockPath, "the benchmarks of A.csproj", TimeSpan.FromMinutes(1), waited.Add, CancellationToken.None);
        var second = RunLock.AcquireAsync(LockPath, "the benchmarks of B.csproj", TimeSpan.FromMinutes(1), waited.Add, CancellationToken.None);

        // Not a timing assertion: the second acquisition cannot complete while the first holds the lock.
        await Task.Delay(700);
        Assert.IsFalse(second.IsCompleted);
        Assert.AreEqual(1, waited.Count);
        StringAssert.Contains(waited[0], "waiting for the benchmarks of A.csproj (process ");

        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
    }

    [TestMethod]
    public async Task Waiting_times_out_with_the_holder_named()
    {
        using var held = await RunLock.AcquireAsync(LockPath, "a gated build of A.csproj", TimeSpan.FromMinutes(1), _ => { }, CancellationToken.None);

        var error = await Assert.ThrowsExactlyAsync<RunLockTimeoutException>(
            () => RunLock.AcquireAsync(LockPath, "B", TimeSpan.FromMilliseconds(600), _ => { }, CancellationToken.None));

        StringAssert.Contains(error.Holder, "a gated build of A.csproj");
    }

    [TestMethod]
    public async Task Waiting_can_be_cancelled()
    {
        using var held = await RunLock.AcquireAsync(LockPath, "A", TimeSpan.FromMinutes(1), _ => { }, CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAsync<OperationCanceledException>(() => RunLock.AcquireAsync(LockPath, "B", TimeSpan.FromMinutes(1), _ => { }, cancel.Token));
    }

    [TestMethod]
    public async Task The_lock_files_are_created_usable_by_every_account()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            Assert.Inconclusive("Unix file modes only.");
            return;
        }

        using (await RunLock.AcquireAsync(LockPath, "A", TimeSpan.FromMinutes(1), _ => { }, CancellationToken.None))
        {
        }

        var readWrite = UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;
        Assert.AreEqual(readWrite, File.GetUnixFileMode(LockPath) & readWrite);
        Assert.AreEqual(readWrite, File.GetUnixFileMode(RunLock.HolderPath(LockPath)) & readWrite);
    }

    [TestMethod]
    public async Task A_directory_where_the_lock_should_be_is_a_clear_error_not_a_wait()
    {
        Directory.CreateDirectory(LockPath);

        var error = await Assert.ThrowsExactlyAsync<RunLockUnusableException>(
            () => RunLock.AcquireAsync(LockPath, "A", TimeSpan.FromMinutes(1), _ => { }, CancellationToken.None));

        StringAssert.Contains(error.Problem, "directory");
    }
}
