using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using PerfGate.Running;

namespace PerfGate.Gating;

/// <summary>
/// What decides whether a gated build is "unchanged since the last gated run": the content (not the timestamps) of every
/// file the benchmark program loads (its assembly, the copy-local closure: project references' outputs and package
/// assemblies, its deps.json and runtimeconfig.json), of the baseline and the config, the settings that change what is
/// measured or how it is judged, and the .NET runtime. A library changed in a ProjectReference changes its DLL and so
/// reruns the gate; a plain build in between that recompiles the same code gives the same bytes (builds are deterministic)
/// and so does not.
/// </summary>
public static class GateFingerprint
{
    /// <param name="baseCommit">In A/B mode, the base commit measured beside this build.</param>
    public static string Of(GateSettings settings, string? baseCommit = null)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(text));
            hash.AppendData([0]);
        }

        Add(SettingsText(settings));
        Add($"base={baseCommit}");
        Add(RuntimeInformation.FrameworkDescription);
        var files = settings.InputFiles
            .Append(settings.BaselinePath)
            .Concat(settings.ConfigPath is null ? [] : [settings.ConfigPath])
            .Select(Path.GetFullPath)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            Add(file);
            if (File.Exists(file))
            {
                using var content = File.OpenRead(file);
                Add(Convert.ToHexString(SHA256.HashData(content)));
            }
            else
            {
                Add(Directory.Exists(file) ? "directory" : "missing");
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }

    /// <summary>Every setting that changes what runs, how it is judged or what it writes; recording, forcing and the lock do not.</summary>
    private static string SettingsText(GateSettings s)
    {
        var run = s.Run;
        return string.Join('\n',
            $"baseline={s.BaselinePath}",
            $"config={s.ConfigPath}",
            $"failOnRegression={s.FailOnRegression}",
            $"confirm={s.ConfirmRegressions}",
            $"job={run.Job}",
            $"filter={string.Join(';', run.Filter)}",
            $"shard={run.Shard}",
            $"iterations={run.IterationCount}",
            $"warmups={run.WarmupCount}",
            $"iterationTimeMs={run.IterationTimeMs}",
            $"launches={run.LaunchCount}",
            $"properties={string.Join(';', run.MsBuildProperties)}",
            $"host={run.DotnetHost}",
            // The schedule only where an A/B run can happen (A/B mode, or the check against the baseline's commit): elsewhere
            // the default (which follows the CPUs this build may use) measures nothing.
            $"compareWith={s.CompareWith};mergeBase={s.CompareMergeBase};checkBaselineCommit={s.CheckBaselineCommit};checkEveryBenchmark={s.CheckEveryBenchmark}",
            $"schedule={(s.CompareWith is null && !(s.CheckBaselineCommit && s.ConfirmRegressions) ? null : s.AbSchedule ?? AbSchedule.Turns)}",
            // The report files are written by the run itself, so another selection or folder needs a run.
            $"reports={s.Reports};reportDirectory={s.ReportFolder}");
    }
}
