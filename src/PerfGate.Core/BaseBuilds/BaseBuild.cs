using PerfGate.Diagnostics;
using PerfGate.Running;

namespace PerfGate.BaseBuilds;

/// <summary>Builds the benchmark project in the base worktree and finds its assembly.</summary>
public static class BaseBuild
{
    /// <summary>What runs during the base build, for the timeout's message.</summary>
    public const string Step = "the A/B base build";

    /// <summary>
    /// Builds the base's copy of <paramref name="projectPath"/>. Returns the base assembly, or null with the process result
    /// when the build was stopped (a signal, Ctrl+C, the timeout); throws <see cref="BaseUnavailableException"/> when the
    /// base has no such project or does not build.
    /// </summary>
    public static async Task<(string? AssemblyPath, BenchmarkProcessResult Process)> BuildAsync(BaseCommit commit, BaseWorktree worktree, string projectPath,
        BaseBuildSettings settings, string logPath, Action<string> onLine, Action onTick, CancellationToken cancellation)
    {
        var relative = RelativeProjectPath(commit.RepositoryRoot, projectPath);
        var baseProject = Path.Combine(worktree.Path, relative);
        if (!File.Exists(baseProject))
        {
            throw new BaseUnavailableException(DiagnosticCatalog.BaseProjectMissing, DiagnosticCatalog.BaseProjectMissing.FormatMessage(commit.Description, relative.Replace('\\', '/')));
        }

        var properties = new List<string>
        {
            $"-p:Configuration={Escape(settings.Configuration)}",
            // The entry point is compiled in, but the base's own gate never runs: the gated build runs both sides.
            "-p:PerfGate=true",
            "-p:PerfGateAfterTargets=_PerfGateBaseBuildRunsNoGate",
            $"-p:PerfGateBenchmarkEntryFile={Escape(settings.EntryFile)}",
            $"-p:CustomAfterMicrosoftCommonTargets={Escape(settings.ImportTargetsFile)}",
        };
        if (!string.IsNullOrEmpty(settings.TargetFramework))
        {
            properties.Add($"-p:TargetFramework={Escape(settings.TargetFramework)}");
        }

        properties.AddRange(settings.MsBuildProperties.Select(p => "-p:" + p));
        var build = await BenchmarkProcess.RunAsync(settings.DotnetHost, ["build", baseProject, "-nologo", "-nodeReuse:false", .. properties], worktree.Path,
            settings.Timeout, innerBuild: false, Step, logPath, onLine, onTick, cancellation).ConfigureAwait(false);
        if (build.StoppedBy is not null || build.TimedOut is not null)
        {
            return (null, build);
        }

        if (build.ExitCode != 0)
        {
            var (error, _) = RunNotes.FirstBuildError(await File.ReadAllTextAsync(logPath, cancellation).ConfigureAwait(false));
            throw new BaseUnavailableException(DiagnosticCatalog.BaseBuildFailed,
                DiagnosticCatalog.BaseBuildFailed.FormatMessage(commit.Description, error.Replace(worktree.Path, "<base>", StringComparison.Ordinal), logPath));
        }

        var targetPathLog = Path.ChangeExtension(logPath, ".targetpath.log");
        var evaluation = await BenchmarkProcess.RunAsync(settings.DotnetHost, ["msbuild", baseProject, "-nologo", "-getProperty:TargetPath", .. properties], worktree.Path,
            settings.Timeout, innerBuild: false, Step, targetPathLog, _ => { }, onTick, cancellation).ConfigureAwait(false);
        if (evaluation.StoppedBy is not null || evaluation.TimedOut is not null)
        {
            return (null, evaluation);
        }

        var assembly = evaluation.OutputTail.Select(l => l.Trim()).LastOrDefault(l => l.Length > 0);
        if (evaluation.ExitCode != 0 || assembly is null || !File.Exists(assembly))
        {
            throw new BaseUnavailableException(DiagnosticCatalog.BaseBuildFailed,
                DiagnosticCatalog.BaseBuildFailed.FormatMessage(commit.Description, $"its built assembly was not found (TargetPath '{assembly}')", targetPathLog));
        }

        return (assembly, build);
    }

    /// <summary>The project's path inside the repository; the project must be inside it.</summary>
    public static string RelativeProjectPath(string repositoryRoot, string projectPath)
    {
        var root = Path.GetFullPath(repositoryRoot);
        var project = Path.GetFullPath(projectPath);
        var relative = Path.GetRelativePath(root, project);
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            // A symbolic link in one of the two paths (/tmp vs /private/tmp): compare the resolved folders.
            var resolvedRoot = new DirectoryInfo(root).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? root;
            relative = Path.GetRelativePath(resolvedRoot, project);
        }

        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            throw new BaseUnavailableException(DiagnosticCatalog.BaseNotAvailable, DiagnosticCatalog.BaseNotAvailable.FormatMessage(
                $"the project {project} is not inside the git repository {root}", "Gate a project inside the repository, or leave PerfGateCompareWith out"));
        }

        return relative;
    }

    /// <summary>MSBuild's escaping for a property value on the command line (';' would split it into two properties).</summary>
    private static string Escape(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace(";", "%3B", StringComparison.Ordinal).Replace("$", "%24", StringComparison.Ordinal)
            .Replace("@", "%40", StringComparison.Ordinal).Replace("'", "%27", StringComparison.Ordinal);
}
