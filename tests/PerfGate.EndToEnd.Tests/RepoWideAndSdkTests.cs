namespace PerfGate.EndToEnd.Tests;

/// <summary>The other ways to reference PerfGate, and a Main that passes its arguments to BenchmarkSwitcher.</summary>
[TestClass]
public sealed class RepoWideAndSdkTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task A_repo_wide_reference_gates_only_the_benchmark_executable()
    {
        var scenario = Scenario.Create("SwitcherRepo");
        try
        {
            var result = await scenario.BuildAsync(Path.Combine("Bench", "Bench.csproj"), null,
                ["-p:PerfGate=true", "-p:PerfGateUpdateBaseline=true", .. Scenario.FastJob]);

            Assert.AreEqual(0, result.ExitCode, result.Output);
            StringAssert.Contains(File.ReadAllText(scenario.PathOf("Bench", "perfgate.baseline.json")), "\"Bench.VowelBenchmarks.Count\": {");
            Assert.IsFalse(File.Exists(scenario.PathOf("Lib", "perfgate.baseline.json")));
            Assert.IsFalse(Directory.Exists(scenario.PathOf("Lib", "obj", "Debug", "net10.0", "perfgate")));
            // The project's own [Config] was kept: its P95 column is in BenchmarkDotNet's table.
            StringAssert.Contains(File.ReadAllText(scenario.PathOf("Bench", "obj", "Debug", "net10.0", "perfgate", "benchmarks.log")), "P95");
        }
        catch
        {
            scenario.Keep();
            throw;
        }
    }

    [TestMethod]
    public async Task The_package_works_as_an_MSBuild_SDK()
    {
        var scenario = Scenario.Create("SdkStyle");
        try
        {
            var result = await scenario.BuildAsync("Bench.csproj", null, ["-p:PerfGate=true", .. Scenario.FastJob]);

            Assert.AreEqual(0, result.ExitCode, result.Output);
            Assert.AreEqual("PG1012", result.PerfGate.Single().Code, result.Output);
            StringAssert.Contains(result.Output, "PerfGate Bench: WARN (1 benchmarks: 1 new)");

            // PerfGate's warnings obey the standard switches (TreatWarningsAsErrors, compiler-only, does not promote them).
            var promoted = await scenario.BuildAsync("Bench.csproj", null, ["-p:PerfGate=true", "-p:PerfGateForce=true", "-p:WarningsAsErrors=PG1012", .. Scenario.FastJob]);
            Assert.AreEqual(1, promoted.ExitCode, promoted.Output);
            Assert.AreEqual("error", promoted.PerfGate.Single(d => d.Code == "PG1012").Severity, promoted.Output);

            var silenced = await scenario.BuildAsync("Bench.csproj", null, ["-p:PerfGate=true", "-p:PerfGateForce=true", "-p:NoWarn=PG1012", .. Scenario.FastJob]);
            Assert.AreEqual(0, silenced.ExitCode, silenced.Output);
            Assert.AreEqual(0, silenced.PerfGate.Count(), silenced.Output);
        }
        catch
        {
            scenario.Keep();
            throw;
        }
    }
}
