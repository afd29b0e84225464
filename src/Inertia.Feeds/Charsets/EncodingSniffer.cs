using System.Text;

namespace Inertia.Feeds.Charsets;

/// <summary>Guesses the legacy encoding of bytes that are not what they claim, by how plausible each decoding reads.</summary>
public static class EncodingSniffer
{
    private static readonly string[] s_candidates =
        ["gb18030", "big5", "shift_jis", "euc-jp", "euc-kr", "windows-1252", "windows-1251"];

    /// <summary>
    /// The most plausible legacy encoding for the bytes: windows-1252 when nothing fits better, and on a tie with
    /// windows-1251 (the same bytes are letters in both; how they sit in words tells them apart, below).
    /// </summary>
    public static System.Text.Encoding Guess(ReadOnlySpan<byte> bytes)
    {
        // a sample is enough to tell, and keeps sniffing linear and cheap
        var sample = bytes.Length > 64 * 1024 ? bytes[..(64 * 1024)] : bytes;
        System.Text.Encoding best = CharsetNames.Resolve("windows-1252")!;
        var bestScore = double.MinValue;
        foreach (var name in s_candidates)
        {
            var enc = CharsetNames.Resolve(name)!;
            string text;
            try
            {
                text = CharsetNames.Strict(enc).GetString(TrimPartialTail(sample, bytes.Length));
            }
            catch (DecoderFallbackException)
            {
                continue;
            }
            var score = Score(text, name);
            if (score > bestScore + 0.05)
            {
                bestScore = score;
                best = enc;
            }
        }
        return best;
    }

    // the sample may cut a multi-byte character in two: drop the last few bytes of a cut sample
    private static ReadOnlySpan<byte> TrimPartialTail(ReadOnlySpan<byte> sample, int total) =>
        sample.Length < total ? sample[..Math.Max(0, sample.Length - 4)] : sample;

    private static double Score(string text, string encoding)
    {
        var cjk = encoding is "gb18030" or "big5" or "shift_jis" or "euc-jp" or "euc-kr";
        var japanese = encoding is "shift_jis" or "euc-jp";
        var singleByte = encoding is "windows-1251" or "windows-1252";
        int nonAscii = 0, good = 0, bad = 0, runEnd = 0;
        var run = 0;
        var touchesAscii = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x80)
            {
                continue;
            }
            nonAscii++;
            if (singleByte && char.IsLetter(c))
            {
                if (i >= runEnd)
                {
                    // the run of letters beyond ASCII this one starts, and whether an ASCII letter stands against it
                    runEnd = i;
                    while (runEnd < text.Length && text[runEnd] >= 0x80 && char.IsLetter(text[runEnd]))
                    {
                        runEnd++;
                    }
                    run = runEnd - i;
                    touchesAscii = (i > 0 && char.IsAsciiLetter(text[i - 1])) || (runEnd < text.Length && char.IsAsciiLetter(text[runEnd]));
                }
                // Cyrillic words are Cyrillic throughout; Latin words carry one or two accented letters among plain ones
                var plausible = encoding == "windows-1251"
                    ? c is >= '\u0410' and <= '\u044F' && !touchesAscii
                    : c is >= '\u00C0' and <= '\u00FF' && (run <= 2 || touchesAscii);
                if (plausible)
                {
                    good++;
                }
                else
                {
                    bad++;
                }
                continue;
            }
            switch (c)
            {
                case >= '\u4E00' and <= '\u9FFF' when cjk && encoding != "euc-kr":
                case >= '\u3000' and <= '\u303F' when cjk:
                case >= '\uFF01' and <= '\uFF5E' when cjk:
                case >= '\u3040' and <= '\u30FF' when japanese:
                case >= '\uAC00' and <= '\uD7AF' when encoding == "euc-kr":
                case '\u2018' or '\u2019' or '\u201C' or '\u201D' or '\u2013' or '\u2014' or '\u2026' or '\u00A0':
                    good++;
                    break;
                default:
                    bad++;
                    break;
            }
        }
        return nonAscii == 0 ? 0 : (good - 2.0 * bad) / nonAscii;
    }
}
