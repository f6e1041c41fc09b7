namespace PerfGate.Running;

/// <summary>
/// How the two builds' benchmark processes share the machine in A/B mode (PerfGateAbSchedule).
/// <list type="bullet">
/// <item><c>shared-cpu</c> or <c>shared-cpu:N</c> (the default on Linux): launch i of both builds runs at the same time, both
/// pinned to one CPU (the lowest this build may use, or N), so a slow phase of that CPU slows both alike. Each side then
/// measures about twice its lone time: only the ratio of the two sides means anything.</item>
/// <item><c>turns</c> (the default elsewhere, and the choice for benchmarks that use several threads): launches alternate,
/// one process at a time (<see cref="LaunchTurns"/>).</item>
/// </list>
/// The default follows docs/evaluation.md: on a noisy night +10% failed in 29 of 32 judgements with launches together
/// against 20 of 32 taking turns, with no finding on unchanged code in either.
/// </summary>
/// <param name="SharedCpu">The CPU both sides share; null takes turns.</param>
public sealed record AbSchedule(int? SharedCpu)
{
    public const string PropertyName = "PerfGateAbSchedule";

    public const string Expected = "'turns', 'shared-cpu' or 'shared-cpu:N' (N a CPU this build may use)";

    public static readonly AbSchedule Turns = new((int?)null);

    public bool SharesCpu => SharedCpu is not null;

    /// <summary>The schedule a property value names (no value: <see cref="DefaultFor"/>); null with the problem when it names none.</summary>
    /// <param name="allowedCpus">The CPUs this process may run on (its affinity); null when the system cannot pin a process.</param>
    public static AbSchedule? Parse(string? text, IReadOnlyList<int>? allowedCpus, out string? problem)
    {
        problem = null;
        var value = (text ?? string.Empty).Trim().ToLowerInvariant();
        if (value == "")
        {
            return DefaultFor(allowedCpus);
        }

        if (value == "turns")
        {
            return Turns;
        }

        if (value != "shared-cpu" && !value.StartsWith("shared-cpu:", StringComparison.Ordinal))
        {
            problem = Expected;
            return null;
        }

        if (allowedCpus is null || allowedCpus.Count == 0)
        {
            problem = "'turns' on this system: launches share a CPU on Linux only";
            return null;
        }

        if (value == "shared-cpu")
        {
            return DefaultFor(allowedCpus);
        }

        if (!int.TryParse(value["shared-cpu:".Length..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var cpu)
            || !allowedCpus.Contains(cpu))
        {
            problem = $"'turns', 'shared-cpu' or 'shared-cpu:N' with N one of the CPUs this build may use ({string.Join(", ", allowedCpus)})";
            return null;
        }

        return new AbSchedule(cpu);
    }

    /// <summary>Launches together on the lowest CPU this build may use where processes can be pinned; turns elsewhere.</summary>
    public static AbSchedule DefaultFor(IReadOnlyList<int>? allowedCpus) =>
        allowedCpus is { Count: > 0 } ? new AbSchedule(allowedCpus.Min()) : Turns;

    /// <summary>
    /// The CPUs this process may run on; null off Linux (the benchmark entry point pins its spinning thread and watches
    /// its benchmark processes through Linux's own interfaces).
    /// </summary>
    public static IReadOnlyList<int>? AllowedCpus()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var mask = (long)System.Diagnostics.Process.GetCurrentProcess().ProcessorAffinity;
        return Enumerable.Range(0, 64).Where(cpu => (mask & (1L << cpu)) != 0).ToArray();
    }

    public override string ToString() => SharedCpu is int cpu ? $"shared-cpu:{cpu}" : "turns";
}
