using System.Text;
using System.Xml;

namespace PerfGate.Reports;

/// <summary>
/// Text made writable in XML 1.0: characters XML cannot hold at all (most control characters, lone surrogates) are written
/// as C#-style escapes, so a [Params] value with an escape character still gives a report every parser reads.
/// </summary>
public static class XmlText
{
    public static string Clean(string text)
    {
        if (text.All(XmlConvert.IsXmlChar) && !text.Any(char.IsSurrogate))
        {
            return text;
        }

        var clean = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                clean.Append(c);
            }
            else
            {
                clean.Append($"\\u{(int)c:X4}");
            }
        }

        return clean.ToString();
    }
}
