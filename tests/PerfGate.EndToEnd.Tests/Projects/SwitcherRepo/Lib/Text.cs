namespace Lib;

public static class Text
{
    public static int CountVowels(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if ("aeiou".Contains(c))
            {
                count++;
            }
        }

        return count;
    }
}
