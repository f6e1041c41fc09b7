using PerfGate.Diagnostics;

namespace PerfGate.Configuration;

/// <summary>
/// perfgate.json: default budgets plus rules matched by glob on each benchmark's full name. Rules apply in file order,
/// so a later rule overrides what an earlier one set.
/// </summary>
public sealed class GateConfig
{
    public const string FileName = "perfgate.json";

    private readonly BenchmarkBudget defaults;
    private readonly IReadOnlyList<(GlobPattern Match, BudgetSection Settings)> rules;

    private GateConfig(string? path, BenchmarkBudget defaults, IReadOnlyList<(GlobPattern, BudgetSection)> rules)
    {
        Path = path;
        this.defaults = defaults;
        this.rules = rules;
    }

    /// <summary>The built-in budgets, used when the project has no perfgate.json.</summary>
    public static GateConfig BuiltIn { get; } = new(null, BenchmarkBudget.BuiltIn, []);

    /// <summary>The file this config came from; null for the built-in one.</summary>
    public string? Path { get; }

    /// <summary>The budget for one benchmark: defaults, then every matching rule in order.</summary>
    public BenchmarkBudget BudgetFor(string benchmarkKey) =>
        rules.Where(r => r.Match.Matches(benchmarkKey)).Aggregate(defaults, (budget, rule) => budget.With(rule.Settings));

    /// <summary>The "match" globs of the rules that apply to a benchmark, in file order.</summary>
    public IEnumerable<string> MatchingPatterns(string benchmarkKey) =>
        rules.Where(r => r.Match.Matches(benchmarkKey)).Select(r => r.Match.Pattern);

    /// <summary>Reads a config file; throws <see cref="PerfGateFileException"/> with the line and column of any problem.</summary>
    public static async Task<GateConfig> ReadAsync(string path, CancellationToken cancellation = default)
    {
        var (file, text) = await StrictJsonFile.ReadAsync(path, "a config object", StrictJsonFile.Types.Default.ConfigFileSection, cancellation).ConfigureAwait(false);
        var rules = new List<(GlobPattern, BudgetSection)>();
        foreach (var (rule, index) in (file.Benchmarks ?? []).Select((r, i) => (r, i)))
        {
            if (string.IsNullOrWhiteSpace(rule.Match))
            {
                var at = JsonKeyLocator.Find(path, text, "benchmarks") ?? new SourceLocation(path, 1, 1);
                throw new PerfGateFileException(path, $"benchmarks[{index}] needs a \"match\" glob such as \"MyApp.*\"", at.Line, at.Column);
            }

            rules.Add((new GlobPattern(rule.Match), rule));
        }

        return new GateConfig(path, BenchmarkBudget.BuiltIn.With(file.Defaults), rules);
    }
}
