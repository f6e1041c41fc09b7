using System.Diagnostics;

namespace PerfGate.EndToEnd.Tests;

/// <summary>
/// A/B mode as a pull request meets it: a git repository (the library + benchmark layout) with a base commit, and a change
/// on top, gated with -p:PerfGateCompareWith against the base, which PerfGate checks out into a temporary worktree, builds
/// and measures alternately with this build. No committed baseline is involved.
/// </summary>
[TestClass]
public sealed class AbModeTests
{
    private const string Project = "Bench/Bench.csproj";
    private static Scenario scenario = null!;
    private static bool anyFailed;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task CommitTheBaseAsync(TestContext context)
    {
        scenario = Scenario.Create("LibraryLayout");
        await File.WriteAllTextAsync(scenario.PathOf(".gitignore"), "bin/\nobj/\n*.binlog\n");
        await GitAsync("init", "-q");
        await GitAsync("add", "-A");
        await GitAsync("commit", "-q", "-m", "base");
        // Second commit: an unrelated change (so every clone of this repository has a parent commit to lack).
        await File.WriteAllTextAsync(scenario.PathOf("NOTES.md"), "An unrelated change.\n");
        await GitAsync("add", "-A");
        await GitAsync("commit", "-q", "-m", "unrelated");
    }

    [TestCleanup]
    public void NoteFailure() => anyFailed |= TestContext.CurrentTestOutcome != UnitTestOutcome.Passed;

    [ClassCleanup]
    public static void KeepFolderOfFailures()
    {
        if (anyFailed)
        {
            scenario.Keep();
        }
    }

    private static string Describe(DotnetCli.Result result) => $"exit {result.ExitCode}{Environment.NewLine}{result.Output}";

    private static Task<DotnetCli.Result> GateAgainstAsync(string reference) =>
        scenario.BuildAsync(Project, null, [.. Scenario.FastJob, "-p:PerfGate=true", $"-p:PerfGateCompareWith={reference}"]);

    [TestMethod]
    public async Task A_change_that_leaves_the_code_alone_passes_and_one_that_slows_the_library_fails_at_the_method()
    {
        // HEAD is an unrelated change on the base; then a third commit makes the library do three passes instead of one.
        var unchanged = await GateAgainstAsync("HEAD~1");

        var checksum = scenario.PathOf("Lib", "Checksum.cs");
        await File.WriteAllTextAsync(checksum, (await File.ReadAllTextAsync(checksum)).Replace("Passes = 1;", "Passes = 3;", StringComparison.Ordinal));
        await GitAsync("commit", "-q", "-a", "-m", "slower library");
        var slowed = await GateAgainstAsync("HEAD~1");

        Assert.AreEqual(0, unchanged.ExitCode, Describe(unchanged));
        Assert.IsFalse(unchanged.PerfGate.Any(d => d.Severity == "error"), Describe(unchanged));
        StringAssert.Contains(unchanged.Output, "A/B against the base build of HEAD~1 (merge base ");
        Assert.IsFalse(unchanged.PerfGate.Any(d => d.Code is "PG1006" or "PG1012"), "no committed baseline is needed in A/B mode: " + Describe(unchanged));

        Assert.AreEqual(1, slowed.ExitCode, Describe(slowed));
        var error = slowed.PerfGate.Single(d => d.Severity == "error");
        Assert.AreEqual("PG2001", error.Code, Describe(slowed));
        Assert.AreEqual(scenario.PathOf("Bench", "Program.cs"), error.File);
        Assert.AreEqual(scenario.LineOf(Path.Combine("Bench", "Program.cs"), "public long Checksum("), error.Line);
        StringAssert.Contains(error.Message, "compared with the base build of HEAD~1");

        // Nothing is left behind: no worktree, no change to the user's tree, no benchmark process.
        StringAssert.DoesNotMatch(await GitAsync("worktree", "list"), new System.Text.RegularExpressions.Regex("perfgate-base"));
        Assert.AreEqual(string.Empty, await GitAsync("status", "--porcelain"));
    }

    [TestMethod]
    public async Task A_shallow_clone_says_to_fetch_the_history_and_a_folder_without_git_says_it_needs_one()
    {
        var clone = scenario.PathOf("..", Path.GetFileName(scenario.Directory) + "-shallow");
        await GitAsync("clone", "-q", "--depth", "1", new Uri(scenario.Directory).AbsoluteUri, clone);
        try
        {
            var shallow = await DotnetCli.RunAsync(clone, new Dictionary<string, string?> { ["NUGET_PACKAGES"] = PackedPackage.NuGetCache },
                ["build", Project, "-tl:off", "-nodeReuse:false", "-p:PerfGate=true", "-p:PerfGateCompareWith=HEAD~1"]);

            Assert.AreEqual(1, shallow.ExitCode, Describe(shallow));
            var error = shallow.PerfGate.Single(d => d.Severity == "error");
            Assert.AreEqual("PG3113", error.Code, Describe(shallow));
            StringAssert.Contains(error.Message, "This clone is shallow");
            StringAssert.Contains(error.Message, "fetch-depth: 0");
            Assert.IsFalse(shallow.Output.Contains("   at ", StringComparison.Ordinal), "no stack trace: " + Describe(shallow));

            Directory.Delete(Path.Combine(clone, ".git"), recursive: true);
            var noGit = await DotnetCli.RunAsync(clone, new Dictionary<string, string?> { ["NUGET_PACKAGES"] = PackedPackage.NuGetCache },
                ["build", Project, "-tl:off", "-nodeReuse:false", "-p:PerfGate=true", "-p:PerfGateCompareWith=origin/main"]);

            Assert.AreEqual(1, noGit.ExitCode, Describe(noGit));
            StringAssert.Contains(noGit.PerfGate.Single(d => d.Severity == "error").Message, "is not in a git repository");
        }
        finally
        {
            Directory.Delete(clone, recursive: true);
        }
    }

    private static async Task<string> GitAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = scenario.Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["-c", "user.name=PerfGate Tests", "-c", "user.email=tests@perfgate.invalid", "-c", "commit.gpgsign=false", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var git = Process.Start(start)!;
        var output = await git.StandardOutput.ReadToEndAsync();
        var error = await git.StandardError.ReadToEndAsync();
        await git.WaitForExitAsync();
        Assert.AreEqual(0, git.ExitCode, $"git {string.Join(' ', arguments)}: {error}");
        return output;
    }
}
