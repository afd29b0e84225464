namespace Inertia.Reader.Rules;

/// <summary>What a user's rules decide for one entry: hide it (which also reads it), mark it read, star it.</summary>
public readonly record struct RuleVerdict(bool Hide, bool Read, bool Star)
{
    /// <summary>
    /// The verdict of the rules that apply to the entry's feed: hidden when a block rule matches, or when there are keep
    /// rules and none matches; otherwise read and starred as the read and star rules say. A rule whose pattern no longer
    /// compiles decides nothing.
    /// </summary>
    public static RuleVerdict Of(IEnumerable<EntryRule> rules, long feedId, RuleSubject subject)
    {
        bool block = false, anyKeep = false, kept = false, read = false, star = false;
        foreach (var rule in rules)
        {
            if (!rule.AppliesTo(feedId) || RulePattern.TryCreate(rule.Match, rule.Pattern, out _) is not { } pattern)
            {
                continue;
            }
            if (rule.Action == RuleAction.Keep)
            {
                anyKeep = true;
                kept = kept || Matches(pattern, rule.Field, subject);
                continue;
            }
            // a rule whose outcome is already decided need not read the entry again
            var decided = rule.Action switch
            {
                RuleAction.Block => block,
                RuleAction.Read => read,
                _ => star,
            };
            if (decided || !Matches(pattern, rule.Field, subject))
            {
                continue;
            }
            switch (rule.Action)
            {
                case RuleAction.Block: block = true; break;
                case RuleAction.Read: read = true; break;
                default: star = true; break;
            }
        }
        var hide = block || (anyKeep && !kept);
        return new RuleVerdict(hide, hide || read, !hide && star);
    }

    /// <summary>Whether the verdict changes anything.</summary>
    public bool Acts => Hide || Read || Star;

    private static bool Matches(RulePattern pattern, RuleField field, RuleSubject subject)
    {
        foreach (var text in subject.Texts(field))
        {
            if (pattern.IsIn(text))
            {
                return true;
            }
        }
        return false;
    }
}
