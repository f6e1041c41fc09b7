using PerfGate.Configuration;
using PerfGate.Diagnostics;
using PerfGate.Formatting;
using PerfGate.History;
using PerfGate.Locations;
using PerfGate.Reports;
using PerfGate.Verdicts;

namespace PerfGate.Gating;

/// <summary>
/// The gated run's place in the run history (PerfGateHistoryFile): appends its record, then reads the history back and
/// reports each benchmark whose drift reached a level of its <c>drift</c> budget (PG*040); without a drift budget the
/// history is not read back. A history that cannot be written is a warning (PG1041) and unreadable lines are skipped with
/// one warning (PG1042): the verdict of the run itself stands.
/// </summary>
public static class RunHistory
{
    /// <summary>How many unreadable lines a PG1042 message lists.</summary>
    private const int ProblemsShown = 3;

    public static async Task<IReadOnlyList<Finding>> AppendAndCheckAsync(GateSettings settings, GateResult result, IGateLog log, CancellationToken cancellation)
    {
        if (settings.HistoryFile is not { } path || result.Outcomes.Count == 0)
        {
            return [];
        }

        if (settings.SharedCpu is int cpu)
        {
            // About twice a lone run's times would read as a regression in every trend and drift check.
            log.Progress($"PerfGate {settings.ProjectName}: this run is not added to the history {path}: its times were measured sharing CPU {cpu} with the base build (PerfGateAbSchedule=shared-cpu), about twice a lone run's.");
            return [];
        }

        var projectLocation = new SourceLocation(settings.ProjectPath, 0, 0);
        var commit = GitCommit.Of(Path.GetDirectoryName(settings.ProjectPath)!);
        var dirty = commit is null ? null : await WorkingTree.IsDirtyAsync(commit.Root, cancellation).ConfigureAwait(false);
        var record = HistoryRecords.From(result, settings.UpdateBaseline ? HistoryRecords.RecordKind : HistoryRecords.GateKind, settings.ProjectName,
            settings.Run.Job, commit, dirty, null, DateTimeOffset.UtcNow);
        try
        {
            var removed = await HistoryFile.AppendAsync(path, record, settings.HistoryRetention, cancellation).ConfigureAwait(false);
            log.Detail($"PerfGate: appended this run to the history {path}{(removed > 0 ? $" (removed {removed} run(s) beyond the retention of {settings.HistoryRetention})" : string.Empty)}");
        }
        catch (PerfGateFileException error)
        {
            return [new Finding(DiagnosticCatalog.HistoryNotWritten, Tier.Warn, DiagnosticCatalog.HistoryNotWritten.FormatMessage(path, error.Problem), projectLocation)];
        }

        if (settings.UpdateBaseline)
        {
            return [];
        }

        HistoryContent content;
        GateConfig config;
        var measured = result.Outcomes.Where(o => o.CurrentMedianNs is not null).Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        try
        {
            config = settings.ConfigPath is null ? GateConfig.BuiltIn : await GateConfig.ReadAsync(settings.ConfigPath, cancellation).ConfigureAwait(false);
            // Reading a long history is the costly part; a build without a drift budget does not read it back.
            if (!measured.Any(key => config.BudgetFor(key).DriftLevels.Lowest is not null))
            {
                return [];
            }

            content = await HistoryFile.ReadAsync(path, cancellation: cancellation).ConfigureAwait(false);
        }
        catch (PerfGateFileException)
        {
            return []; // the run itself already reported an unreadable config; the history was just written
        }

        var findings = new List<Finding>();
        if (content.Problems.Count > 0)
        {
            var shown = string.Join("; ", content.Problems.Take(ProblemsShown)) + (content.Problems.Count > ProblemsShown ? "; ..." : string.Empty);
            findings.Add(new Finding(DiagnosticCatalog.HistoryLinesSkipped, Tier.Warn,
                DiagnosticCatalog.HistoryLinesSkipped.FormatMessage(path, content.Problems.Count, shown), new SourceLocation(path, content.Problems[0].Line, 1)));
        }

        // Only runs of this job on this machine: the history may be a CI cache that several runner types share.
        var comparable = content.Records.Select((r, index) => (Run: index + 1, Record: r)).Where(r => r.Record.IsComparableWith(record)).ToArray();
        var trends = new TrendAnalysis().AnalyseRuns(comparable, key => config.BudgetFor(key).DriftLevels, measured.Contains);
        using var methods = PdbMethodLocator.Open(settings.Run.AssemblyPath);
        foreach (var trend in trends.Where(t => t.Drift is { Level: > Tier.Pass }))
        {
            findings.Add(DriftFinding(trend, config.BudgetFor(trend.Name).DriftLevels, settings, path, methods));
        }

        return findings;
    }

    private static Finding DriftFinding(BenchmarkTrend trend, LevelThresholds budget, GateSettings settings, string path, PdbMethodLocator methods)
    {
        var drift = trend.Drift!;
        var level = drift.Level == Tier.Fail && !settings.FailOnRegression ? Tier.Warn : drift.Level;
        var threshold = budget.MostSevereFirst().Where(l => l.Tier == drift.Level).Select(l => (Percent?)l.Threshold).FirstOrDefault();
        var began = drift.Began;
        var where = $"run {began.Run} of the history ({began.Time:yyyy-MM-dd HH:mm} UTC, {(began.Commit is null ? "no commit" : $"commit {began.Commit[..Math.Min(10, began.Commit.Length)]}")})";
        var (className, caseName) = BenchmarkName.Split(trend.Name);
        var method = caseName.Split('(')[0];
        var location = methods.LocateByTypeAndMethod(className.Contains('.') ? className[(className.LastIndexOf('.') + 1)..] : className, method)
            ?? new SourceLocation(settings.ProjectPath, 0, 0);
        return new Finding(DiagnosticCatalog.Drift, level, DiagnosticCatalog.Drift.FormatMessage(trend.Name, UnitFormat.Change(drift.Ratio), drift.WindowRuns,
            drift.ReferenceRuns, UnitFormat.Time(drift.ReferenceMedianNs), UnitFormat.Time(drift.WindowMedianNs), level.ToString().ToUpperInvariant(),
            threshold?.ToString() ?? "?", where, drift.Evidence, path), location, trend.Name);
    }
}
