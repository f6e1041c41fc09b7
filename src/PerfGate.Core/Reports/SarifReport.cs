using System.Text.Json.Nodes;
using PerfGate.Diagnostics;

namespace PerfGate.Reports;

/// <summary>
/// The findings as SARIF 2.1.0 (perfgate.sarif), which GitHub code scanning and other viewers show on the source line: one
/// result per finding, ruleId = its PG code, level from its tier, located at the [Benchmark] method's line, paths relative
/// to the repository (uriBaseId SRCROOT), and one rule per code with its help URI in docs/diagnostics.md.
/// </summary>
public static class SarifReport
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    private const string RootId = "SRCROOT";

    public static JsonObject Create(IReadOnlyList<Finding> findings, RunDescription run)
    {
        var codes = findings.Select(f => f.Code).Distinct().Order(StringComparer.Ordinal).ToList();
        var rules = new JsonArray(codes.Select(code =>
        {
            var (rule, tier) = DiagnosticCatalog.Find(code)!.Value;
            return (JsonNode)new JsonObject
            {
                ["id"] = code,
                ["name"] = string.Concat(rule.Title.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..])),
                ["shortDescription"] = new JsonObject { ["text"] = rule.Title },
                ["helpUri"] = DiagnosticCatalog.HelpLink(code),
                ["defaultConfiguration"] = new JsonObject { ["level"] = Level(tier) },
            };
        }).ToArray());

        var results = new JsonArray(findings.Select(finding =>
        {
            var result = new JsonObject
            {
                ["ruleId"] = finding.Code,
                ["ruleIndex"] = codes.IndexOf(finding.Code),
                ["level"] = Level(finding.Tier),
                ["message"] = new JsonObject { ["text"] = finding.Message },
            };
            if (finding.Location is { } location && !string.IsNullOrEmpty(location.File))
            {
                result["locations"] = new JsonArray(new JsonObject { ["physicalLocation"] = PhysicalLocation(location, run) });
            }

            result["properties"] = new JsonObject { ["tier"] = finding.Tier.ToString().ToUpperInvariant(), ["benchmark"] = finding.Benchmark };
            return (JsonNode)result;
        }).ToArray());

        return new JsonObject
        {
            ["$schema"] = SchemaUri,
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = "PerfGate",
                        ["version"] = RunDescription.ToolVersion,
                        ["informationUri"] = DiagnosticCatalog.DocsUrl,
                        ["rules"] = rules,
                    },
                },
                ["originalUriBaseIds"] = new JsonObject
                {
                    [RootId] = new JsonObject { ["uri"] = new Uri(Path.TrimEndingDirectorySeparator(Path.GetFullPath(run.SourceRoot)) + Path.DirectorySeparatorChar).AbsoluteUri },
                },
                ["results"] = results,
            }),
        };
    }

    private static JsonObject PhysicalLocation(SourceLocation location, RunDescription run)
    {
        var relative = run.Relative(Path.GetFullPath(location.File));
        var artifact = Path.IsPathRooted(relative)
            ? new JsonObject { ["uri"] = new Uri(relative).AbsoluteUri }
            : new JsonObject { ["uri"] = string.Join('/', relative.Split('/').Select(Uri.EscapeDataString)), ["uriBaseId"] = RootId };
        var physical = new JsonObject { ["artifactLocation"] = artifact };
        if (location.Line > 0)
        {
            var region = new JsonObject { ["startLine"] = location.Line };
            if (location.Column > 0)
            {
                region["startColumn"] = location.Column;
            }

            physical["region"] = region;
        }

        return physical;
    }

    private static string Level(Tier tier) => tier >= Tier.Fail ? "error" : tier == Tier.Warn ? "warning" : "note";
}
