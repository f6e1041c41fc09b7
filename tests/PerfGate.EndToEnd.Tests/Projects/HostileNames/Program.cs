using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;

BenchmarkRunner.Run<Markup>();

/// <summary>A [Params] value a user could write, with markup, quotes, a pipe, a comma and an ampersand: every report must show it as text.</summary>
public class Markup
{
    [Params("<script>alert('x')</script> \"q\" a|b, c & d")]
    public string Text { get; set; } = string.Empty;

    [Benchmark]
    public int Length() => Text.Length * 3 + Text.IndexOf('|');
}
