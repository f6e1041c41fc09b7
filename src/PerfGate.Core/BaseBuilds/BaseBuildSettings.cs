namespace PerfGate.BaseBuilds;

/// <summary>How to build the A/B base: as the gated build was built, so the two measure the same kind of program.</summary>
/// <param name="DotnetHost">The dotnet executable.</param>
/// <param name="Configuration">The gated build's Configuration.</param>
/// <param name="TargetFramework">The gated build's TargetFramework (a multi-targeted project is gated per framework).</param>
/// <param name="MsBuildProperties">The gated build's forwarded global properties ("Name=value", MSBuild-escaped).</param>
/// <param name="EntryFile">This PerfGate's benchmark entry point, compiled into the base too, so both sides run the same way.</param>
/// <param name="ImportTargetsFile">build/PerfGate.Sdk.BaseBuild.targets: brings PerfGate into a base that does not reference it.</param>
/// <param name="Timeout">How long the base build may take before it is stopped as hung.</param>
public sealed record BaseBuildSettings(
    string DotnetHost,
    string Configuration,
    string? TargetFramework,
    IReadOnlyList<string> MsBuildProperties,
    string EntryFile,
    string ImportTargetsFile,
    TimeSpan Timeout);
