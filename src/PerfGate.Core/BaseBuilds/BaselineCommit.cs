namespace PerfGate.BaseBuilds;

/// <summary>
/// The commit that last changed the committed baseline file: its code is the code that recorded the baseline, so a
/// slowdown measured against the baseline can be measured again against that code, built beside this build, in the same
/// minutes (<see cref="Gating.Gate"/>). Found only when that is sure: the file is committed and unchanged in the working
/// tree, and the commit is not the cut-off edge of a shallow clone (there every file looks added by the oldest commit).
/// </summary>
public static class BaselineCommit
{
    /// <summary>How the commit is named in messages, before its id.</summary>
    public static string Name(string baselinePath) => $"the last commit of {Path.GetFileName(baselinePath)}";

    /// <summary>The commit, or null with the reason it cannot be had (said in the build log, never an error).</summary>
    /// <param name="isNotable">Whether the reason is one a user can act on (a shallow clone), rather than a plain
    /// setup without git or with a baseline recorded and not yet committed.</param>
    public static async Task<(BaseCommit? Commit, string? WhyNot, bool IsNotable)> FindAsync(string projectDirectory, string baselinePath, CancellationToken cancellation)
    {
        try
        {
            var top = await Git.RunAsync(projectDirectory, cancellation, "rev-parse", "--show-toplevel").ConfigureAwait(false);
            if (!top.Succeeded)
            {
                return (null, "the project is not in a git repository", false);
            }

            var root = top.StandardOutput;
            var file = Path.GetFullPath(baselinePath);
            var changed = await Git.RunAsync(root, cancellation, "status", "--porcelain", "--untracked-files=all", "--", file).ConfigureAwait(false);
            if (!changed.Succeeded)
            {
                return (null, $"git status failed ({changed.StandardError.Split('\n')[0].Trim()})", false);
            }

            if (changed.StandardOutput.Length > 0)
            {
                return (null, $"{Path.GetFileName(baselinePath)} has changes that are not committed, so no commit holds the code that recorded it", false);
            }

            var last = await Git.RunAsync(root, cancellation, "log", "-1", "--format=%H", "--", file).ConfigureAwait(false);
            if (!last.Succeeded || last.StandardOutput.Length == 0)
            {
                return (null, $"{Path.GetFileName(baselinePath)} is not in the repository's history", false);
            }

            var sha = last.StandardOutput;
            var shallow = await Git.RunAsync(root, cancellation, "rev-parse", "--is-shallow-repository").ConfigureAwait(false);
            if (shallow.StandardOutput == "true" && await IsShallowEdgeAsync(root, sha, cancellation).ConfigureAwait(false))
            {
                return (null, "this clone is shallow, so the commit that last changed the baseline may be cut off (the oldest commit here looks like it added every file). "
                    + "In GitHub Actions set 'fetch-depth: 0' on actions/checkout; elsewhere run 'git fetch --unshallow'", true);
            }

            return (new BaseCommit(root, Name(baselinePath), sha, IsMergeBase: false), null, false);
        }
        catch (BaseUnavailableException error)
        {
            // git is not installed or did not answer: the check is skipped, the gate goes on as without git.
            return (null, error.Message, false);
        }
    }

    /// <summary>Whether <paramref name="sha"/> is one of the commits a shallow clone was cut at (listed in .git/shallow).</summary>
    private static async Task<bool> IsShallowEdgeAsync(string root, string sha, CancellationToken cancellation)
    {
        var path = await Git.RunAsync(root, cancellation, "rev-parse", "--path-format=absolute", "--git-path", "shallow").ConfigureAwait(false);
        if (!path.Succeeded || !File.Exists(path.StandardOutput))
        {
            return true; // A shallow clone whose edge cannot be read: assume the worst.
        }

        var edges = await File.ReadAllLinesAsync(path.StandardOutput, cancellation).ConfigureAwait(false);
        return edges.Any(line => line.Trim().Equals(sha, StringComparison.OrdinalIgnoreCase));
    }
}
