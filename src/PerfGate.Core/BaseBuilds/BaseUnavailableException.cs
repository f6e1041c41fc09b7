using PerfGate.Diagnostics;

namespace PerfGate.BaseBuilds;

/// <summary>The base of an A/B comparison could not be had: no git, no repository, no such commit, a shallow clone, a
/// base that has no such project or does not build. Carries the rule to report and its full message.</summary>
public sealed class BaseUnavailableException(DiagnosticRule rule, string message, SourceLocation? location = null) : Exception(message)
{
    public DiagnosticRule Rule { get; } = rule;

    /// <summary>Where to report it (the base build's first error); null for the project file.</summary>
    public SourceLocation? Location { get; } = location;
}
