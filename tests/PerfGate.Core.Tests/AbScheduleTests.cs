using PerfGate.Running;

namespace PerfGate.Core.Tests;

/// <summary>PerfGateAbSchedule: how the two builds' launches share the machine in A/B mode.</summary>
[TestClass]
public sealed class AbScheduleTests
{
    private static readonly int[] TwoCpus = [2, 3];

    [TestMethod]
    [DataRow(" Turns ")]
    [DataRow("turns")]
    public void Turns_takes_turns(string value)
    {
        var schedule = AbSchedule.Parse(value, TwoCpus, out var problem);

        Assert.AreEqual(AbSchedule.Turns, schedule);
        Assert.IsNull(problem);
        Assert.IsFalse(schedule!.SharesCpu);
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow("  ")]
    public void No_value_shares_the_lowest_cpu_where_processes_can_be_pinned_and_takes_turns_elsewhere(string? value)
    {
        Assert.AreEqual(new AbSchedule(2), AbSchedule.Parse(value, TwoCpus, out var problem));
        Assert.IsNull(problem);
        Assert.AreEqual(AbSchedule.Turns, AbSchedule.Parse(value, null, out problem));
        Assert.IsNull(problem);
        Assert.AreEqual(AbSchedule.Turns, AbSchedule.Parse(value, [], out problem));
        Assert.IsNull(problem);
    }

    [TestMethod]
    public void Shared_cpu_takes_the_lowest_cpu_this_build_may_use()
    {
        Assert.AreEqual(2, AbSchedule.Parse("shared-cpu", TwoCpus, out _)!.SharedCpu);
        Assert.AreEqual(3, AbSchedule.Parse("SHARED-CPU:3", TwoCpus, out _)!.SharedCpu);
        Assert.AreEqual("shared-cpu:3", AbSchedule.Parse("shared-cpu:3", TwoCpus, out _)!.ToString());
    }

    [TestMethod]
    [DataRow("shared-cpu:0")]
    [DataRow("shared-cpu:")]
    [DataRow("shared-cpu:-1")]
    [DataRow("shared-cpu:x")]
    public void A_cpu_this_build_may_not_use_is_refused_with_the_ones_it_may(string value)
    {
        Assert.IsNull(AbSchedule.Parse(value, TwoCpus, out var problem));
        StringAssert.Contains(problem, "(2, 3)");
    }

    [TestMethod]
    [DataRow("together")]
    [DataRow("shared")]
    [DataRow("shared-cpus")]
    public void Another_word_is_refused_with_what_is_expected(string value)
    {
        Assert.IsNull(AbSchedule.Parse(value, TwoCpus, out var problem));
        Assert.AreEqual(AbSchedule.Expected, problem);
    }

    [TestMethod]
    public void A_system_that_cannot_pin_says_turns()
    {
        Assert.IsNull(AbSchedule.Parse("shared-cpu", null, out var problem));
        StringAssert.Contains(problem, "Linux only");
        Assert.AreEqual(AbSchedule.Turns, AbSchedule.Parse("turns", null, out _));
    }

    [TestMethod]
    public void The_entry_point_is_told_the_cpu_with_the_turns()
    {
        var run = new BenchmarkRunSettings("dotnet", "/b/Bench.dll", "/b/artifacts", [], "perfgate", null, null, null, [], TimeSpan.FromMinutes(10),
            Turns: new LaunchTurns("/b/turns", LaunchTurns.CurrentSide, LaunchTurns.BaseSide, TimeSpan.FromMinutes(10), SharedCpu: 1));
        var taking = run with { Turns = run.Turns! with { SharedCpu = null } };

        var arguments = run.Arguments().ToList();
        Assert.AreEqual("1", arguments[arguments.IndexOf("--perfgate-shared-cpu") + 1]);
        Assert.IsFalse(taking.Arguments().Contains("--perfgate-shared-cpu"));
    }
}
