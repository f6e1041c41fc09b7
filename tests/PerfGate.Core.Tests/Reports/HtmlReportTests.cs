using PerfGate.Reports;

namespace PerfGate.Core.Tests.Reports;

[TestClass]
public sealed class HtmlReportTests
{
    [TestMethod]
    public async Task A_hostile_name_stays_text_and_the_page_has_only_its_own_script()
    {
        var html = HtmlReport.Create(ReportData.Mixed(), ReportData.Description());

        // Python's HTML parser, as a browser tokenizes: exactly one script element, and the hostile name is character data.
        var path = Path.Combine(Directory.CreateTempSubdirectory("perfgate-html-").FullName, "report.html");
        await File.WriteAllTextAsync(path, html);
        var read = await Python.RunAsync("""
            import sys
            from html.parser import HTMLParser
            class Scan(HTMLParser):
                scripts = 0; text = []; svgs = 0
                def handle_starttag(self, tag, attrs):
                    if tag == 'script': Scan.scripts += 1
                    if tag == 'svg': Scan.svgs += 1
                    for name, value in attrs:
                        if name.startswith('on'): raise SystemExit('event handler attribute ' + name)
                def handle_data(self, data): Scan.text.append(data)
            Scan().feed(open(sys.argv[1], encoding='utf-8').read())
            print(Scan.scripts, Scan.svgs, any("<script>alert('x')</script>" in t for t in Scan.text))
            """, path);

        Assert.AreEqual("1 3 True", read);
        Assert.IsFalse(html.Contains("http://", StringComparison.Ordinal) && html.Contains("src=\"http", StringComparison.Ordinal), "no external resources");
    }

    [TestMethod]
    public void Two_hundred_benchmarks_stay_well_under_a_megabyte()
    {
        var html = HtmlReport.Create(ReportData.Large(200), ReportData.Description());

        Assert.IsTrue(html.Length < 1_000_000, $"{html.Length}");
        Assert.AreEqual(200, html.Split("<svg ").Length - 1);
    }
}
