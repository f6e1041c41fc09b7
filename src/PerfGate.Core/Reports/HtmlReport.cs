using System.Globalization;
using System.Net;
using System.Text;
using PerfGate.Diagnostics;
using PerfGate.Formatting;
using PerfGate.Verdicts;

namespace PerfGate.Reports;

/// <summary>
/// The run as one self-contained HTML file (perfgate-report.html): no CDN, no network, so it works from a CI artifact and
/// offline. A sortable, filterable table of every benchmark, then per benchmark a strip chart (inline SVG drawn here) of
/// the reference's and this run's per-iteration times on one axis, with each confirmation run, box and median marked.
/// Every piece of user text is HTML-encoded, and none reaches the script: a name with &lt;script&gt; or quotes stays text.
/// </summary>
public static class HtmlReport
{
    /// <summary>
    /// A lane with more iterations than this is drawn as this many evenly spaced quantiles (its box and median still from
    /// every iteration): 50 dots show a distribution's shape, and keep a 1,000-benchmark report fast to write and open.
    /// </summary>
    private const int MaxDots = 50;

    public static string Create(GateResult result, RunDescription run)
    {
        var html = new StringBuilder();
        var title = $"PerfGate {result.Verdict.ToString().ToUpperInvariant()}: {run.ProjectName}";
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        html.Append("<h1><span class=\"badge ").Append(Css(result.Verdict)).Append("\">").Append(result.Verdict.ToString().ToUpperInvariant()).Append("</span> PerfGate: ")
            .Append(Encode(run.ProjectName)).Append("</h1>\n<p class=\"meta\">").Append(Encode(Context(result, run))).Append("</p>\n");

        var reference = run.BaseDescription is null ? "Baseline" : "Base";
        html.Append("<div class=\"controls\"><label>Filter <input id=\"filter\" type=\"search\" placeholder=\"benchmark name\"></label> ")
            .Append("<label>Verdict <select id=\"verdict\"><option value=\"\">any</option><option>BLOCK</option><option>FAIL</option><option>WARN</option><option>PASS</option></select></label> ")
            .Append("<span id=\"shown\"></span></div>\n");
        html.Append("<table id=\"benchmarks\">\n<thead><tr>");
        foreach (var (header, type) in new[] { ("Verdict", "tier"), ("Benchmark", "text"), ($"{reference} median", "num"), ("Current median", "num"), ("Change (est.)", "num"), ("Confidence", "text"), ($"Alloc/op {reference.ToLowerInvariant()}", "num"), ("Alloc/op current", "num") })
        {
            html.Append("<th data-type=\"").Append(type).Append("\" tabindex=\"0\">").Append(Encode(header)).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        var rows = result.Outcomes.OrderByDescending(o => o.Verdict).ThenBy(o => o.Key, StringComparer.Ordinal).ToArray();
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            html.Append("<tr data-verdict=\"").Append(row.Verdict.ToString().ToUpperInvariant()).Append("\">")
                .Append(Cell((int)row.Verdict, $"<span class=\"badge {Css(row.Verdict)}\">{Encode(row.Status)}</span>"))
                .Append(Cell(row.Key, $"<a href=\"#b{i}\">{Encode(row.Key)}</a>"))
                .Append(Cell(row.BaselineMedianNs, row.BaselineMedianNs is double b ? UnitFormat.Time(b) : "-"))
                .Append(Cell(row.CurrentMedianNs, row.CurrentMedianNs is double c ? UnitFormat.Time(c) : "-"))
                .Append(Cell(row.TimeRatio, row.TimeRatio is double r ? UnitFormat.Change(r) : "-"))
                .Append(Cell(row.TimeConfidence ?? string.Empty, Encode(row.TimeConfidence ?? "-")))
                .Append(Cell(row.BaselineAllocatedBytes, row.BaselineAllocatedBytes is null ? "-" : UnitFormat.Bytes(row.BaselineAllocatedBytes)))
                .Append(Cell(row.CurrentAllocatedBytes, row.CurrentAllocatedBytes is null ? "-" : UnitFormat.Bytes(row.CurrentAllocatedBytes)))
                .Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        var unattached = result.Findings.Where(f => f.Benchmark is null || rows.All(o => o.Key != f.Benchmark)).ToArray();
        if (unattached.Length > 0)
        {
            html.Append("<h2>Findings about the run</h2>\n");
            AppendFindings(html, unattached, run);
        }

        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            html.Append("<section id=\"b").Append(i).Append("\">\n<h2><span class=\"badge ").Append(Css(row.Verdict)).Append("\">").Append(Encode(row.Status)).Append("</span> ")
                .Append(Encode(row.Key)).Append("</h2>\n<p>");
            html.Append(Encode(string.Join(" · ", new[]
            {
                row.TimeRatio is double r ? $"change {UnitFormat.Change(r)} ({row.TimeConfidence})" : null,
                row.BaselineMedianNs is double b ? $"{reference.ToLowerInvariant()} median {UnitFormat.Time(b)}" : null,
                row.CurrentMedianNs is double c ? $"current median {UnitFormat.Time(c)}" : null,
                row.CurrentAllocatedBytes is not null || row.BaselineAllocatedBytes is not null
                    ? $"allocated {(row.BaselineAllocatedBytes is null ? "?" : UnitFormat.Bytes(row.BaselineAllocatedBytes))} → {(row.CurrentAllocatedBytes is null ? "?" : UnitFormat.Bytes(row.CurrentAllocatedBytes))} per operation"
                    : null,
                row.CurrentGc is { } gc ? string.Create(CultureInfo.InvariantCulture, $"Gen0/1/2 per 1k operations {gc.Gen0Per1000:0.####}/{gc.Gen1Per1000:0.####}/{gc.Gen2Per1000:0.####}") : null,
            }.OfType<string>())));
            html.Append("</p>\n");
            var lanes = new List<(string Label, IReadOnlyList<double> Samples, string Css)>();
            if (row.BaselineSamplesNs is { Count: > 0 } baseline)
            {
                lanes.Add((reference.ToLowerInvariant(), baseline, "ref"));
            }

            if (row.CurrentSamplesNs is { Count: > 0 } current)
            {
                lanes.Add(("current", current, "cur"));
            }

            foreach (var (samples, round) in (row.ConfirmationSamplesNs ?? []).Select((s, n) => (s, n + 1)))
            {
                // In A/B mode each confirmation round measured the base again, beside this build: its lane comes first.
                if (row.BaseConfirmationSamplesNs is { } bases && bases.Count >= round && bases[round - 1] is { Count: > 0 } baseSamples)
                {
                    lanes.Add(($"base, conf. {round}", baseSamples, "ref"));
                }

                lanes.Add((row.BaseConfirmationSamplesNs is null ? $"confirmation {round}" : $"current, conf. {round}", samples, "conf"));
            }

            if (lanes.Count > 0)
            {
                StripChart.Append(html, lanes, MaxDots);
                html.Append('\n');
            }

            if (row.TimeEvidence is string evidence)
            {
                html.Append("<p class=\"evidence\">").Append(Encode(evidence)).Append("</p>\n");
            }

            AppendFindings(html, result.Findings.Where(f => f.Benchmark == row.Key).ToArray(), run);
            html.Append("</section>\n");
        }

        html.Append("<footer>").Append(Encode($"PerfGate {RunDescription.ToolVersion} · diagnostics explained at {DiagnosticCatalog.DocsUrl}")).Append("</footer>\n");
        html.Append("<script>\n").Append(Script).Append("</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendFindings(StringBuilder html, IReadOnlyList<Finding> findings, RunDescription run)
    {
        if (findings.Count == 0)
        {
            return;
        }

        html.Append("<ul class=\"findings\">\n");
        foreach (var finding in findings.OrderByDescending(f => f.Tier))
        {
            var where = finding.Location is { File.Length: > 0 } location ? $" at {run.Relative(location.File)}{(location.Line > 0 ? $":{location.Line}" : string.Empty)}" : string.Empty;
            // The accept command on a line of its own, as code, so it can be read and copied whole (as in the Markdown summary).
            html.Append("<li><a class=\"badge ").Append(Css(finding.Tier)).Append("\" href=\"").Append(Encode(finding.HelpLink)).Append("\">").Append(finding.Code).Append("</a>")
                .Append(Encode(where)).Append(": ").Append(Encode(finding.WithoutAcceptSentence().Message));
            if (finding.AcceptCommand is string command)
            {
                html.Append("<br>").Append(finding.Tier == Tier.Pass ? "Lock it in with: " : "If intended, accept it with: ")
                    .Append("<code>").Append(Encode(command)).Append("</code>");
            }

            html.Append("</li>\n");
        }

        html.Append("</ul>\n");
    }

    private static string Context(GateResult result, RunDescription run)
    {
        var parts = new List<string>
        {
            $"{result.Outcomes.Count} benchmarks",
            run.BaseDescription is string b ? $"A/B against the base build of {b}" : run.BaselinePath is null ? "merged from shard reports" : $"against {run.Relative(run.BaselinePath)}",
            $"job {run.Job}",
        };
        if (run.Environment is { } environment)
        {
            parts.Add($"{environment.Processor}, {environment.Runtime}, BenchmarkDotNet {environment.BenchmarkDotNetVersion}");
        }

        if (run.Commit is { } commit)
        {
            parts.Add($"commit {commit.ShortSha}{(commit.Branch is string branch ? $" ({branch})" : string.Empty)}");
        }

        parts.Add($"{UnitFormat.Elapsed(run.Elapsed)}, finished {run.Finished.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}");
        return string.Join(" · ", parts);
    }

    /// <summary>A table cell whose sort key (a number, or text) is an attribute, so the script never parses displayed text.</summary>
    private static string Cell(object? sortKey, string content)
    {
        var key = sortKey switch
        {
            null => string.Empty,
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            long l => l.ToString(CultureInfo.InvariantCulture),
            int n => n.ToString(CultureInfo.InvariantCulture),
            _ => sortKey.ToString() ?? string.Empty,
        };
        return $"<td data-key=\"{Encode(key)}\">{content}</td>";
    }

    /// <summary>Text as HTML: on one line as every other report writes it (a newline in a name shows as \n), then encoded.</summary>
    internal static string Encode(string text) => WebUtility.HtmlEncode(OneLine.Escape(text));

    private static string Css(Tier tier) => tier.ToString().ToLowerInvariant();

    private const string Style = """
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 1.5rem auto; max-width: 1200px; padding: 0 1rem; color: #1f2328; }
        h1 { font-size: 1.5rem; } h2 { font-size: 1.05rem; margin: 1.6rem 0 .3rem; word-break: break-all; }
        .meta, footer, .evidence { color: #59636e; } footer { margin-top: 2rem; font-size: 12px; }
        .badge { display: inline-block; min-width: 3.2em; text-align: center; padding: 0 .4em; border-radius: 4px; font-weight: 600; font-size: 12px; color: #fff; text-decoration: none; }
        .pass { background: #1a7f37; } .warn { background: #9a6700; } .fail { background: #cf222e; } .block { background: #6e2a8c; }
        table { border-collapse: collapse; width: 100%; margin-top: .5rem; } th, td { border-bottom: 1px solid #d1d9e0; padding: .3rem .5rem; text-align: right; }
        th { cursor: pointer; user-select: none; background: #f6f8fa; position: sticky; top: 0; } th:nth-child(2), td:nth-child(2), th:nth-child(6), td:nth-child(6) { text-align: left; }
        td { white-space: nowrap; } td:nth-child(2) { white-space: normal; overflow-wrap: anywhere; } th[aria-sort=ascending]::after { content: " ▲"; } th[aria-sort=descending]::after { content: " ▼"; }
        .controls { margin: 1rem 0 .3rem; } .controls input { width: 20rem; max-width: 60vw; }
        svg { max-width: 100%; height: auto; } svg text { font-size: 11px; fill: #59636e; }
        .ref { fill: #0969da; stroke: #0969da; } .cur { fill: #cf222e; stroke: #cf222e; } .conf { fill: #bc4c00; stroke: #bc4c00; }
        .box { fill-opacity: .12; stroke-width: 1; } .dot { fill-opacity: .55; stroke: none; } .median { stroke-width: 2.5; } .axis { stroke: #8c959f; }
        .findings li { margin: .2rem 0; word-break: break-word; } .findings code { background: #f6f8fa; padding: 0 .25rem; font-size: 12px; }
        """;

    // Sorting and filtering only: reads data-key and data-verdict attributes, never inserts text into the page.
    private const string Script = """
        (function () {
          var table = document.getElementById('benchmarks'), body = table.tBodies[0];
          var filter = document.getElementById('filter'), verdict = document.getElementById('verdict'), shown = document.getElementById('shown');
          function apply() {
            var text = filter.value.toLowerCase(), tier = verdict.value, count = 0;
            Array.prototype.forEach.call(body.rows, function (row) {
              var visible = row.cells[1].textContent.toLowerCase().indexOf(text) >= 0 && (!tier || row.getAttribute('data-verdict') === tier);
              row.style.display = visible ? '' : 'none'; if (visible) count++;
            });
            shown.textContent = count + ' of ' + body.rows.length + ' shown';
          }
          Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
            function sort() {
              var descending = th.getAttribute('aria-sort') === 'ascending', numeric = th.getAttribute('data-type') !== 'text';
              Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute('aria-sort'); });
              th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
              var rows = Array.prototype.slice.call(body.rows);
              rows.sort(function (a, b) {
                var x = a.cells[column].getAttribute('data-key'), y = b.cells[column].getAttribute('data-key'), order;
                if (numeric) { x = x === '' ? -Infinity : parseFloat(x); y = y === '' ? -Infinity : parseFloat(y); order = x < y ? -1 : x > y ? 1 : 0; }
                else { order = x.localeCompare(y); }
                return descending ? -order : order;
              });
              rows.forEach(function (row) { body.appendChild(row); });
            }
            th.addEventListener('click', sort);
            th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
          });
          filter.addEventListener('input', apply); verdict.addEventListener('change', apply); apply();
        })();
        """;
}
