using System.Text;
using PerfGate.Formatting;
using Perfolizer;
using Perfolizer.Mathematics.QuantileEstimators;

namespace PerfGate.Reports;

/// <summary>
/// A strip chart as inline SVG: one lane per run (reference, current, each confirmation run), every iteration a dot on a
/// shared time axis, the middle half of the lane's iterations as a box and its median as a bar. Dots are spread across the
/// lane by a fixed pattern, not at random, so the same data always draws the same file.
/// </summary>
public static class StripChart
{
    private const int Width = 720;
    private const int Left = 110;
    private const int Right = 20;
    private const int LaneHeight = 28;
    private const int AxisHeight = 30;

    /// <summary>Appends the chart to <paramref name="svg"/>. Coordinates are whole pixels: finer would only make the file larger.</summary>
    public static void Append(StringBuilder svg, IReadOnlyList<(string Label, IReadOnlyList<double> Samples, string Css)> lanes, int maxDots)
    {
        var all = lanes.SelectMany(l => l.Samples).Where(double.IsFinite).ToArray();
        var low = all.Min();
        var high = all.Max();
        if (high - low < Math.Abs(high) * 1e-9)
        {
            low -= Math.Max(Math.Abs(low) * 0.01, 1e-3);
            high += Math.Max(Math.Abs(high) * 0.01, 1e-3);
        }

        var pad = (high - low) * 0.04;
        low = Math.Max(0, low - pad);
        high += pad;
        int X(double ns) => (int)Math.Round(Left + ((ns - low) / (high - low) * (Width - Left - Right)));

        var height = (lanes.Count * LaneHeight) + AxisHeight;
        svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(height)
            .Append("\" width=\"").Append(Width).Append("\" height=\"").Append(height).Append("\" role=\"img\" aria-label=\"per-iteration times\">");
        for (var i = 0; i < lanes.Count; i++)
        {
            var (label, raw, css) = lanes[i];
            var samples = raw.Where(double.IsFinite).ToArray();
            if (samples.Length == 0)
            {
                continue;
            }

            var top = i * LaneHeight;
            var middle = top + (LaneHeight / 2);
            var sample = new Sample(samples);
            double Quantile(double p) => SimpleQuantileEstimator.Instance.Quantile(sample, p);
            var (q1, median, q3) = (X(Quantile(0.25)), X(Quantile(0.5)), X(Quantile(0.75)));
            svg.Append("<text x=\"0\" y=\"").Append(middle + 4).Append("\">").Append(HtmlReport.Encode(label)).Append("</text>");
            svg.Append("<rect class=\"box ").Append(css).Append("\" x=\"").Append(q1).Append("\" y=\"").Append(top + 4)
                .Append("\" width=\"").Append(Math.Max(1, q3 - q1)).Append("\" height=\"").Append(LaneHeight - 8).Append("\"/>");
            var dots = samples.Length <= maxDots ? samples : Enumerable.Range(0, maxDots).Select(k => Quantile((k + 0.5) / maxDots)).ToArray();
            svg.Append("<g class=\"dot ").Append(css).Append("\">");
            for (var k = 0; k < dots.Length; k++)
            {
                // A fixed pattern of eight heights spreads dots that share a time.
                var jitter = (k * 5 % 8 * (LaneHeight - 12) / 7) - ((LaneHeight - 12) / 2);
                svg.Append("<circle cx=\"").Append(X(dots[k])).Append("\" cy=\"").Append(middle + jitter).Append("\" r=\"2.6\"/>");
            }

            svg.Append("</g>");

            svg.Append("<line class=\"median ").Append(css).Append("\" x1=\"").Append(median).Append("\" x2=\"").Append(median)
                .Append("\" y1=\"").Append(top + 3).Append("\" y2=\"").Append(top + LaneHeight - 3).Append("\"/>");
        }

        var axis = (lanes.Count * LaneHeight) + 4;
        svg.Append("<line class=\"axis\" x1=\"").Append(Left).Append("\" x2=\"").Append(Width - Right).Append("\" y1=\"").Append(axis).Append("\" y2=\"").Append(axis).Append("\"/>");
        for (var t = 0; t <= 4; t++)
        {
            var value = low + ((high - low) * t / 4);
            var x = X(value);
            var anchor = t == 0 ? "start" : t == 4 ? "end" : "middle";
            svg.Append("<line class=\"axis\" x1=\"").Append(x).Append("\" x2=\"").Append(x).Append("\" y1=\"").Append(axis).Append("\" y2=\"").Append(axis + 4).Append("\"/>")
                .Append("<text x=\"").Append(x).Append("\" y=\"").Append(axis + 17).Append("\" text-anchor=\"").Append(anchor).Append("\">")
                .Append(HtmlReport.Encode(UnitFormat.Time(value))).Append("</text>");
        }

        svg.Append("</svg>");
    }
}
