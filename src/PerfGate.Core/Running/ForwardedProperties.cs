namespace PerfGate.Running;

/// <summary>
/// Which of the gated build's global properties (-p: on the command line, or set by a solution build) BenchmarkDotNet's own
/// build of the benchmark project gets too, so it measures the code that was built: a version, a feature switch that changes
/// DefineConstants, a path. Left out are only those that must differ there: BenchmarkDotNet builds in Release for its own
/// target framework into its own folders, PerfGate's own switches would gate the inner build, and neither a solution build's
/// bookkeeping nor the warning policy (NoWarn, WarningsAsErrors) changes the code.
/// </summary>
public static class ForwardedProperties
{
    /// <summary>Never forwarded (case-insensitive), besides every PerfGate* property.</summary>
    public static IReadOnlyList<string> LeftOut { get; } =
    [
        "Configuration", "Platform", "TargetFramework", "TargetFrameworks", "RuntimeIdentifier",
        "OutputPath", "OutDir", "IntermediateOutputPath", "BaseOutputPath", "BaseIntermediateOutputPath", "PublishDir",
        "DesignTimeBuild", "BuildProjectReferences", "BuildingInsideVisualStudio",
        "CurrentSolutionConfigurationContents", "SolutionDir", "SolutionExt", "SolutionFileName", "SolutionName", "SolutionPath",
        "MSBuildRestoreSessionId", "MSBuildIsRestoring", "ExcludeRestorePackageImports", "RestoreUseStaticGraphEvaluation", "NuGetInteractive",
        // Warning policy changes no code, and BenchmarkDotNet's generated project has warnings of its own.
        "NoWarn", "WarningsAsErrors", "WarningsNotAsErrors", "TreatWarningsAsErrors", "MSBuildTreatWarningsAsErrors",
        "MSBuildWarningsAsErrors", "MSBuildWarningsAsMessages", "MSBuildWarningsNotAsErrors",
    ];

    /// <summary>"Name=value" for every global property to forward, in name order; values stay MSBuild-escaped as given.</summary>
    public static IReadOnlyList<string> Select(IEnumerable<KeyValuePair<string, string>> globalProperties) =>
        globalProperties
            .Where(p => !p.Key.StartsWith("PerfGate", StringComparison.OrdinalIgnoreCase) && !p.Key.StartsWith('_')
                && !LeftOut.Contains(p.Key, StringComparer.OrdinalIgnoreCase))
            .OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
            .Select(p => $"{p.Key}={p.Value}")
            .ToArray();
}
