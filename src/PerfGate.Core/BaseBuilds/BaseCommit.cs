using PerfGate.Diagnostics;

namespace PerfGate.BaseBuilds;

/// <summary>
/// The commit an A/B comparison measures as its base: by default the merge base of HEAD and the ref the user named (so a
/// pull request is compared with where it branched off, not with whatever its target branch has gained since).
/// </summary>
/// <param name="RepositoryRoot">The top of the git working tree that holds the project.</param>
/// <param name="Ref">The ref or commit as the user named it (PerfGateCompareWith).</param>
/// <param name="Sha">The full commit id measured.</param>
/// <param name="IsMergeBase">True when <paramref name="Sha"/> is the merge base of HEAD and the ref.</param>
public sealed record BaseCommit(string RepositoryRoot, string Ref, string Sha, bool IsMergeBase)
{
    /// <summary>How messages name it: "origin/main (merge base 1a2b3c4d)".</summary>
    public string Description => $"{Ref} ({(IsMergeBase ? "merge base " : string.Empty)}{Sha[..Math.Min(10, Sha.Length)]})";

    /// <summary>Resolves <paramref name="reference"/> in the repository that holds <paramref name="projectDirectory"/>.</summary>
    public static async Task<BaseCommit> ResolveAsync(string projectDirectory, string reference, bool mergeBase, CancellationToken cancellation)
    {
        var top = await Git.RunAsync(projectDirectory, cancellation, "rev-parse", "--show-toplevel").ConfigureAwait(false);
        if (!top.Succeeded)
        {
            throw Unavailable($"{projectDirectory} is not in a git repository ({FirstLine(top.StandardError)})",
                "A/B mode checks the base out of the project's git repository: gate a clone, or leave PerfGateCompareWith out to use the committed baseline");
        }

        var root = top.StandardOutput;
        var shallow = (await Git.RunAsync(root, cancellation, "rev-parse", "--is-shallow-repository").ConfigureAwait(false)).StandardOutput == "true";
        var shallowFix = "This clone is shallow, so it holds only the newest commits. In GitHub Actions set 'fetch-depth: 0' on actions/checkout; elsewhere run 'git fetch --unshallow' (or fetch the base: git fetch origin <branch>)";
        var resolved = await Git.RunAsync(root, cancellation, "rev-parse", "--verify", "--quiet", "--end-of-options", reference + "^{commit}").ConfigureAwait(false);
        if (!resolved.Succeeded || resolved.StandardOutput.Length == 0)
        {
            throw Unavailable($"'{reference}' is not a branch, tag or commit in {root}",
                shallow ? shallowFix : $"Check the name, or fetch it first (for a remote branch: git fetch origin {RemoteBranch(reference)})");
        }

        var sha = resolved.StandardOutput;
        if (!mergeBase)
        {
            return new BaseCommit(root, reference, sha, false);
        }

        var common = await Git.RunAsync(root, cancellation, "merge-base", "HEAD", sha).ConfigureAwait(false);
        if (!common.Succeeded || common.StandardOutput.Length == 0)
        {
            throw Unavailable($"HEAD and '{reference}' have no common commit in this clone",
                shallow ? shallowFix : "They share no history: compare with the commit itself by adding -p:PerfGateCompareMergeBase=false");
        }

        return new BaseCommit(root, reference, common.StandardOutput, true);
    }

    private static string RemoteBranch(string reference) =>
        reference.StartsWith("origin/", StringComparison.Ordinal) ? reference["origin/".Length..] : reference;

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private static BaseUnavailableException Unavailable(string problem, string fix) =>
        new(DiagnosticCatalog.BaseNotAvailable, DiagnosticCatalog.BaseNotAvailable.FormatMessage(problem, fix));
}
