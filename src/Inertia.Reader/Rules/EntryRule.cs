namespace Inertia.Reader.Rules;

/// <summary>What of an entry a rule looks at.</summary>
public enum RuleField
{
    /// <summary>Title, content, author, address and categories together.</summary>
    Any,
    Title,
    /// <summary>The text of the content (or the summary), not its markup.</summary>
    Content,
    Author,
    Url,
    Category,
}

/// <summary>How a rule's pattern matches.</summary>
public enum RuleMatch
{
    /// <summary>Any of its words or phrases (one a line or between commas), anywhere, in any case: Chinese has no spaces to split on.</summary>
    Words,
    /// <summary>A .NET regular expression, run by the non-backtracking engine (linear in the text) and with a timeout.</summary>
    Regex,
}

/// <summary>What a rule does to a matching entry.</summary>
public enum RuleAction
{
    /// <summary>Hide it from the user (it is marked read too).</summary>
    Block,
    /// <summary>Keep only what matches: where a feed has keep rules, an entry matching none of them is hidden.</summary>
    Keep,
    /// <summary>Mark it read.</summary>
    Read,
    /// <summary>Star it.</summary>
    Star,
}

/// <summary>One of a user's rules: for one feed, or for all of theirs (<see cref="FeedId"/> null).</summary>
public sealed record EntryRule
{
    public long Id { get; init; }
    public long UserId { get; init; }
    public long? FeedId { get; init; }
    public RuleField Field { get; init; }
    public RuleMatch Match { get; init; }
    public required string Pattern { get; init; }
    public RuleAction Action { get; init; }

    /// <summary>Whether the rule speaks of entries of this feed.</summary>
    public bool AppliesTo(long feedId) => FeedId is null || FeedId == feedId;
}
