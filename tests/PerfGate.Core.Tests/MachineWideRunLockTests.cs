using PerfGate.Running;

namespace PerfGate.Core.Tests;

[TestClass]
public sealed class MachineWideRunLockTests
{
    [TestMethod]
    public async Task A_second_run_waits_until_the_first_releases_the_lock()
    {
        var path = Path.Combine(Path.GetTempPath(), $"perfgate-lock-{Guid.NewGuid():N}");
        var waited = new List<string>();
        try
        {
            var first = await MachineWideRunLock.AcquireAsync(path, waited.Add, CancellationToken.None);
            var second = MachineWideRunLock.AcquireAsync(path, waited.Add, CancellationToken.None);

            // Not a timing assertion: the second acquisition cannot complete while the first holds the lock.
            await Task.Delay(700);
            Assert.IsFalse(second.IsCompleted);
            Assert.AreEqual(1, waited.Count);
            StringAssert.Contains(waited[0], "Waiting for another PerfGate benchmark run");

            first.Dispose();
            (await second.WaitAsync(TimeSpan.FromSeconds(30))).Dispose();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public async Task Waiting_can_be_cancelled()
    {
        var path = Path.Combine(Path.GetTempPath(), $"perfgate-lock-{Guid.NewGuid():N}");
        try
        {
            using var held = await MachineWideRunLock.AcquireAsync(path, _ => { }, CancellationToken.None);
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

            await Assert.ThrowsAsync<OperationCanceledException>(() => MachineWideRunLock.AcquireAsync(path, _ => { }, cancel.Token));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
