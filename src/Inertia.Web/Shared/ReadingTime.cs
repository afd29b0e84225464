namespace Inertia.Web.Shared;

/// <summary>How long a text takes to read: Chinese, Japanese and Korean characters at about 300 a minute, other words at about 200.</summary>
public static class ReadingTime
{
    public static int Minutes(string? plainText)
    {
        if (string.IsNullOrEmpty(plainText))
        {
            return 0;
        }
        int cjk = 0, words = 0;
        var inWord = false;
        foreach (var c in plainText)
        {
            if (c is >= '\u3040' and <= '\u30FF' or >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF' or >= '\uAC00' and <= '\uD7AF' or >= '\uF900' and <= '\uFAFF')
            {
                cjk++;
                inWord = false;
            }
            else if (char.IsLetterOrDigit(c))
            {
                if (!inWord)
                {
                    words++;
                    inWord = true;
                }
            }
            else
            {
                inWord = false;
            }
        }
        var minutes = cjk / 300.0 + words / 200.0;
        return Math.Max(1, (int)Math.Round(minutes));
    }
}
