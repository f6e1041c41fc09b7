using System.Security.Cryptography;
using System.Text;
using PerfGate.Diagnostics;

namespace PerfGate.BaseBuilds;

/// <summary>
/// The base commit checked out into a temporary git worktree: the user's working tree, index and branches are never
/// touched. One fixed folder per project and user (the project lock keeps two gated builds of a project apart), so a
/// worktree left by a killed build is found and removed by the next one; disposing removes it.
/// </summary>
public sealed class BaseWorktree : IAsyncDisposable
{
    private readonly string repositoryRoot;

    private BaseWorktree(string repositoryRoot, string path)
    {
        this.repositoryRoot = repositoryRoot;
        Path = path;
        AppDomain.CurrentDomain.ProcessExit += RemoveOnExit;
    }

    /// <summary>The worktree's folder: the base commit's copy of the repository.</summary>
    public string Path { get; }

    public static string PathFor(string projectPath)
    {
        var identity = $"{Environment.UserName}\n{System.IO.Path.GetFullPath(projectPath)}";
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..16].ToLowerInvariant();
        return System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"perfgate-base-{hash}");
    }

    public static async Task<BaseWorktree> CreateAsync(BaseCommit commit, string projectPath, CancellationToken cancellation)
    {
        var path = PathFor(projectPath);
        await RemoveAsync(commit.RepositoryRoot, path).ConfigureAwait(false);
        var added = await Git.RunAsync(commit.RepositoryRoot, cancellation, "worktree", "add", "--detach", "--force", path, commit.Sha).ConfigureAwait(false);
        if (!added.Succeeded)
        {
            await RemoveAsync(commit.RepositoryRoot, path).ConfigureAwait(false);
            throw new BaseUnavailableException(DiagnosticCatalog.BaseNotAvailable, DiagnosticCatalog.BaseNotAvailable.FormatMessage(
                $"git could not check {commit.Description} out into {path} ({added.StandardError.Split('\n')[0].Trim()})",
                "Check that the temporary folder is writable and the repository is healthy (git worktree list), then build again"));
        }

        return new BaseWorktree(commit.RepositoryRoot, path);
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= RemoveOnExit;
        await RemoveAsync(repositoryRoot, Path).ConfigureAwait(false);
    }

    /// <summary>The build is exiting under the gate (SIGTERM ends `dotnet build` itself): remove the worktree on the way out.</summary>
    private void RemoveOnExit(object? sender, EventArgs e) => RemoveAsync(repositoryRoot, Path).GetAwaiter().GetResult();

    /// <summary>Removes the worktree and git's record of it; never throws (a leftover is removed by the next run).</summary>
    private static async Task RemoveAsync(string repositoryRoot, string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                await Git.RunAsync(repositoryRoot, CancellationToken.None, "worktree", "remove", "--force", path).ConfigureAwait(false);
            }

            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }

            await Git.RunAsync(repositoryRoot, CancellationToken.None, "worktree", "prune").ConfigureAwait(false);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or BaseUnavailableException)
        {
            // Best effort: the next A/B run of this project starts by removing it again.
        }
    }
}
