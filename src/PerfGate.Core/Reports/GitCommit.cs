namespace PerfGate.Reports;

/// <summary>
/// The commit a folder's git repository has checked out, read from the <c>.git</c> folder's files (no git on PATH needed):
/// HEAD, the branch's ref file or packed-refs, and worktrees' <c>gitdir:</c> files.
/// </summary>
/// <param name="Root">The repository's top folder (the one holding .git).</param>
/// <param name="Branch">The branch checked out; null on a detached HEAD (as in CI checkouts of a pull request).</param>
public sealed record GitCommit(string Sha, string? Branch, string Root)
{
    public string ShortSha => Sha.Length > 10 ? Sha[..10] : Sha;

    /// <summary>The repository <paramref name="folder"/> is in and its HEAD commit; null when there is none or it cannot be read.</summary>
    public static GitCommit? Of(string folder)
    {
        try
        {
            for (var directory = new DirectoryInfo(folder); directory is not null; directory = directory.Parent)
            {
                var dotGit = Path.Combine(directory.FullName, ".git");
                if (Directory.Exists(dotGit))
                {
                    return Read(dotGit, dotGit, directory.FullName);
                }

                if (File.Exists(dotGit))
                {
                    // A worktree or submodule: ".git" is a file "gitdir: <path>"; shared refs live in its commondir.
                    var gitDir = File.ReadAllText(dotGit).Trim();
                    if (!gitDir.StartsWith("gitdir:", StringComparison.Ordinal))
                    {
                        return null;
                    }

                    gitDir = Path.GetFullPath(gitDir["gitdir:".Length..].Trim(), directory.FullName);
                    var commonFile = Path.Combine(gitDir, "commondir");
                    var common = File.Exists(commonFile) ? Path.GetFullPath(File.ReadAllText(commonFile).Trim(), gitDir) : gitDir;
                    return Read(gitDir, common, directory.FullName);
                }
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // A repository that cannot be read only loses the commit line of the reports.
        }

        return null;
    }

    private static GitCommit? Read(string gitDir, string commonDir, string root)
    {
        var head = File.ReadAllText(Path.Combine(gitDir, "HEAD")).Trim();
        if (!head.StartsWith("ref:", StringComparison.Ordinal))
        {
            return IsSha(head) ? new GitCommit(head, null, root) : null;
        }

        var reference = head["ref:".Length..].Trim();
        var branch = reference.StartsWith("refs/heads/", StringComparison.Ordinal) ? reference["refs/heads/".Length..] : reference;
        foreach (var dir in new[] { gitDir, commonDir })
        {
            var loose = Path.Combine(dir, reference.Replace('/', Path.DirectorySeparatorChar));
            if (File.Exists(loose) && File.ReadAllText(loose).Trim() is var sha && IsSha(sha))
            {
                return new GitCommit(sha, branch, root);
            }
        }

        var packed = Path.Combine(commonDir, "packed-refs");
        if (File.Exists(packed))
        {
            foreach (var line in File.ReadLines(packed))
            {
                var parts = line.Split(' ', 2);
                if (parts.Length == 2 && parts[1] == reference && IsSha(parts[0]))
                {
                    return new GitCommit(parts[0], branch, root);
                }
            }
        }

        return null; // A branch with no commit yet.
    }

    private static bool IsSha(string text) => text.Length is 40 or 64 && text.All(Uri.IsHexDigit);
}
