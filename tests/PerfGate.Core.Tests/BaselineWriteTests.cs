using PerfGate.Baselines;
using PerfGate.Diagnostics;
using static PerfGate.Core.Tests.TestData;

namespace PerfGate.Core.Tests;

/// <summary>Where the baseline cannot be written: said before anything runs, and nothing half-written is left behind.</summary>
[TestClass]
public sealed class BaselineWriteTests
{
    private string directory = null!;

    [TestInitialize]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("perfgate-write-").FullName;

    [TestCleanup]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    [TestMethod]
    public async Task A_baseline_path_that_is_a_directory_is_unreadable_not_missing()
    {
        var path = Path.Combine(directory, "perfgate.baseline.json");
        Directory.CreateDirectory(path);

        var error = await Assert.ThrowsExactlyAsync<PerfGateFileException>(() => BaselineFile.ReadAsync(path));

        StringAssert.Contains(error.Problem, "is a directory");
        Assert.AreEqual("it is a directory, not a file", BaselineFile.WhyNotWritable(path));
    }

    [TestMethod]
    public void A_missing_folder_is_said_before_anything_runs()
    {
        StringAssert.Contains(BaselineFile.WhyNotWritable(Path.Combine(directory, "missing", "b.json")), "does not exist");
        Assert.IsNull(BaselineFile.WhyNotWritable(Path.Combine(directory, "b.json")), "a new file in an existing folder can be written");
    }

    [TestMethod]
    public async Task A_failed_write_leaves_no_temporary_file_and_the_old_file_as_it_was()
    {
        var path = Path.Combine(directory, "perfgate.baseline.json");
        Directory.CreateDirectory(path);

        var error = await Assert.ThrowsExactlyAsync<PerfGateFileException>(() => BaselineFile.WriteAsync(path, Baseline(Result("Sum", 100))));

        StringAssert.Contains(error.Problem, "directory");
        Assert.AreEqual(0, Directory.GetFiles(directory, "*.tmp", SearchOption.AllDirectories).Length);
    }

    [TestMethod]
    public async Task A_successful_write_leaves_only_the_baseline()
    {
        var path = Path.Combine(directory, "perfgate.baseline.json");

        await BaselineFile.WriteAsync(path, Baseline(Result("Sum", 100)));

        CollectionAssert.AreEqual(new[] { path }, Directory.GetFiles(directory));
    }
}
