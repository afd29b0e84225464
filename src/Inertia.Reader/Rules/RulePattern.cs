using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Inertia.Reader.Rules;

/// <summary>A rule's pattern made ready to match: its words, or its regular expression compiled once per process.</summary>
public sealed class RulePattern
{
    /// <summary>The longest pattern a rule may have.</summary>
    public const int MaxLength = 2000;

    /// <summary>How long one regular expression may run on one text before it counts as no match.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(100);

    // compiled once per process: a rule is matched against every entry that arrives
    private static readonly ConcurrentDictionary<(RuleMatch, string), RulePattern> s_made = new();

    private readonly string[] _words = [];
    private readonly Regex? _regex;

    private RulePattern(string[] words) => _words = words;

    private RulePattern(Regex regex) => _regex = regex;

    /// <summary>The words of a words pattern: one a line or between commas (either width), trimmed, blanks dropped.</summary>
    public static string[] WordsOf(string pattern) =>
        pattern.Split([',', '，', '\n', '\r'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The pattern ready to match, or why it cannot be one (empty, too long, or an expression the engine refuses).</summary>
    public static RulePattern? TryCreate(RuleMatch match, string pattern, out string? error)
    {
        error = null;
        if (pattern.Length > MaxLength)
        {
            error = $"longer than {MaxLength} characters";
            return null;
        }
        if (s_made.TryGetValue((match, pattern), out var cached))
        {
            return cached;
        }
        var made = match == RuleMatch.Words ? FromWords(pattern, out error) : FromRegex(pattern, out error);
        if (made is not null && s_made.Count < 10_000)
        {
            s_made[(match, pattern)] = made;
        }
        return made;
    }

    private static RulePattern? FromWords(string pattern, out string? error)
    {
        var words = WordsOf(pattern);
        error = words.Length == 0 ? "no word to match" : null;
        return words.Length == 0 ? null : new RulePattern(words);
    }

    private static RulePattern? FromRegex(string pattern, out string? error)
    {
        error = null;
        if (pattern.Trim().Length == 0)
        {
            error = "no expression to match";
            return null;
        }
        try
        {
            // the non-backtracking engine: linear in the text whatever the expression, so a feed's text cannot make a
            // rule run for minutes (it refuses what needs backtracking: backreferences, lookarounds)
            return new RulePattern(new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, Timeout));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            error = e.Message;
            return null;
        }
    }

    /// <summary>Whether the text holds one of the words, or the expression matches in it (a timeout is no match).</summary>
    public bool IsIn(string text)
    {
        if (_regex is { } regex)
        {
            try
            {
                return regex.IsMatch(text);
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }
        foreach (var word in _words)
        {
            if (text.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
