using System.Text;

namespace Inertia.Reader.Storage;

/// <summary>
/// What SQLite's word index (FTS5 unicode61, see migration 0006) is given, and how a query is put to it. Han, kana and Hangul
/// have no spaces between words, so each run of them is given as overlapping two-character words (a lone character stays
/// itself): any Chinese query of two characters or more is then found through the index. Other text passes unchanged, for
/// unicode61 to split into words (case and diacritics folded). Queries match words by prefix; LIKE confirms the substring.
/// </summary>
public static class SearchTerms
{
    private const int MaxQueryTerms = 64;

    /// <summary>The text to index for a plain text.</summary>
    public static string Index(string text)
    {
        var sb = new StringBuilder(text.Length + text.Length / 2);
        var i = 0;
        while (i < text.Length)
        {
            if (!IsCjk(text[i]))
            {
                sb.Append(text[i++]);
                continue;
            }
            var start = i;
            while (i < text.Length && IsCjk(text[i]))
            {
                i++;
            }
            AppendBigrams(sb, text.AsSpan(start, i - start));
        }
        return sb.ToString();
    }

    /// <summary>
    /// An FTS5 MATCH expression that every text containing all the words matches (a superset, to be confirmed), or null when
    /// no word has anything the index can narrow by (punctuation, a single Chinese character). Each word is given with its
    /// forms (<see cref="Chinese.SearchForms.OfWord"/>): a text matches a word when it holds any of them.
    /// </summary>
    public static string? Match(IEnumerable<IReadOnlyList<string>> words)
    {
        var clauses = new List<string>();
        var count = 0;
        foreach (var forms in words)
        {
            var alternatives = new List<List<string>>();
            foreach (var form in forms)
            {
                var terms = Terms(form);
                if (terms.Count == 0)
                {
                    // one form the index cannot narrow by: the word narrows nothing
                    alternatives.Clear();
                    break;
                }
                if (!alternatives.Any(a => a.SequenceEqual(terms)))
                {
                    alternatives.Add(terms);
                }
            }
            count += alternatives.Sum(a => a.Count);
            if (alternatives.Count == 0 || count > MaxQueryTerms)
            {
                continue;
            }
            clauses.Add(alternatives.Count == 1
                ? string.Join(" AND ", alternatives[0])
                : "(" + string.Join(" OR ", alternatives.Select(a => a.Count == 1 ? a[0] : "(" + string.Join(" AND ", a) + ")")) + ")");
        }
        var unique = clauses.Distinct(StringComparer.Ordinal).ToList();
        return unique.Count == 0 ? null : string.Join(" AND ", unique);
    }

    /// <summary>The same for words that have only themselves as forms.</summary>
    public static string? Match(IEnumerable<string> words) => Match(words.Select(w => (IReadOnlyList<string>)[w]));

    // the index terms one word is found by: its Chinese bigrams as words, its other letters and digits as prefixes
    private static List<string> Terms(string word)
    {
        var terms = new List<string>();
        var i = 0;
        while (i < word.Length)
        {
            var start = i;
            if (IsCjk(word[i]))
            {
                while (i < word.Length && IsCjk(word[i]))
                {
                    i++;
                }
                // two characters or more: its bigrams are in the index as words; one alone may sit inside a longer run
                for (var b = start; b + 2 <= i; b++)
                {
                    terms.Add(Quote(word.Substring(b, 2)));
                }
            }
            else if (char.IsLetterOrDigit(word[i]))
            {
                while (i < word.Length && char.IsLetterOrDigit(word[i]) && !IsCjk(word[i]))
                {
                    i++;
                }
                terms.Add(Quote(word[start..i]) + "*");
            }
            else
            {
                i++;
            }
        }
        return [.. terms.Distinct(StringComparer.Ordinal)];
    }

    private static void AppendBigrams(StringBuilder sb, ReadOnlySpan<char> run)
    {
        sb.Append(' ');
        if (run.Length == 1)
        {
            sb.Append(run[0]);
        }
        for (var b = 0; b + 2 <= run.Length; b++)
        {
            sb.Append(run.Slice(b, 2)).Append(' ');
        }
        sb.Append(' ');
    }

    // a string literal in FTS5 syntax: no query operator can be smuggled in (the pieces are letters and digits anyway)
    private static string Quote(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    // letters only: a bigram must be one unicode61 token, so the punctuation inside these blocks is left to the tokenizer
    private static bool IsCjk(char c) => c switch
    {
        >= '\u3040' and <= '\u30FF' => char.IsLetter(c), // hiragana, katakana
        >= '\u3400' and <= '\u4DBF' => true, // Han extension A
        >= '\u4E00' and <= '\u9FFF' => true, // Han
        >= '\uF900' and <= '\uFAFF' => true, // Han compatibility
        >= '\uAC00' and <= '\uD7AF' => true, // Hangul syllables
        _ => false,
    };
}
