using System.Collections.Concurrent;

namespace PerfGate.Core.Tests;

/// <summary>
/// Temporary folders that tests write into, removed when the test assembly has run: a CI machine that runs the tests
/// again and again must not collect them in its temp folder. Tests that remove their own folder do not need this.
/// </summary>
[TestClass]
public static class TempFolders
{
    private static readonly ConcurrentBag<string> Created = [];

    /// <summary>A new empty folder under the temp folder, its name starting with <paramref name="prefix"/>.</summary>
    public static string New(string prefix)
    {
        var path = Directory.CreateTempSubdirectory(prefix).FullName;
        Created.Add(path);
        return path;
    }

    [AssemblyCleanup]
    public static void RemoveAll()
    {
        foreach (var path in Created)
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Already gone, or held by a process the test started: left for the machine's temp cleanup.
            }
        }
    }
}
