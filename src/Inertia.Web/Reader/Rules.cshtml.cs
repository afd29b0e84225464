using Inertia.Reader.Rules;
using Inertia.Reader.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Inertia.Web.Reader;

/// <summary>
/// `/reader/rules`: the user's rules — keep or block entries, mark them read or star them when a field matches words or a
/// regular expression, for one feed or all — added, removed and applied to what is already stored. Another user's rule
/// cannot be removed, nor a rule made for a feed the user does not read.
/// </summary>
public sealed class RulesModel(Database database, TimeProvider time, IStringLocalizer<Strings> strings, ILogger<RulesModel> log) : ReaderPage(database, time)
{
    public IReadOnlyList<EntryRuleLine> Rules { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    /// <summary>The feed the page was opened for (its rules first, the form's scope set to it).</summary>
    public long? ForFeed { get; private set; }

    /// <summary>What the form showed when it was refused, to show it again.</summary>
    public EntryRule? Draft { get; private set; }

    public async Task OnGetAsync(long? feed, string? applied, CancellationToken cancellationToken)
    {
        ForFeed = feed;
        Message = applied;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(long? feed, string? field, string? match, string? pattern, string? action, bool applyNow, CancellationToken cancellationToken)
    {
        var rule = new EntryRule
        {
            UserId = Me,
            FeedId = feed is > 0 ? feed : null,
            Field = Enum.TryParse<RuleField>(field, true, out var f) ? f : RuleField.Any,
            Match = Enum.TryParse<RuleMatch>(match, true, out var m) ? m : RuleMatch.Words,
            Pattern = pattern?.Trim() ?? "",
            Action = Enum.TryParse<RuleAction>(action, true, out var a) ? a : RuleAction.Block,
        };
        if (RulePattern.TryCreate(rule.Match, rule.Pattern, out var why) is null)
        {
            return await RefuseAsync(rule, strings["RuleBadPattern", why ?? ""].Value, cancellationToken);
        }
        long? id;
        await using (var connection = await Database.OpenAsync(cancellationToken))
        {
            id = await EntryRuleStore.AddAsync(connection, rule, Now);
        }
        if (id is null)
        {
            return await RefuseAsync(rule, strings["RuleRefused", EntryRuleStore.MaxRules].Value, cancellationToken);
        }
        log.LogInformation("User {User} added rule {Rule}: {Action} on {Field} {Match} for feed {Feed}", Me, id, rule.Action, rule.Field, rule.Match, rule.FeedId);
        return applyNow ? await ApplyAsync(rule.FeedId, cancellationToken) : Redirect(Back(rule.FeedId));
    }

    public async Task<IActionResult> OnPostRemoveAsync(long id, long? feed, CancellationToken cancellationToken)
    {
        await using (var connection = await Database.OpenAsync(cancellationToken))
        {
            if (!await EntryRuleStore.RemoveAsync(connection, Me, id))
            {
                return NotFound();
            }
        }
        return Redirect(Back(feed));
    }

    public Task<IActionResult> OnPostApplyAsync(long? feed, CancellationToken cancellationToken) => ApplyAsync(feed is > 0 ? feed : null, cancellationToken);

    private async Task<IActionResult> ApplyAsync(long? feed, CancellationToken cancellationToken)
    {
        var report = await EntryRuleStore.ApplyToStoredAsync(Database, Me, feed, Now, cancellationToken);
        log.LogInformation("User {User} applied rules to feed {Feed}: {Report}", Me, feed, report);
        var message = strings["RulesApplied", report.Examined, report.Hidden, report.ShownAgain, report.MarkedRead, report.Starred].Value;
        return Redirect(Back(feed) + (feed is null ? "?" : "&") + "applied=" + Uri.EscapeDataString(message));
    }

    private async Task<IActionResult> RefuseAsync(EntryRule rule, string error, CancellationToken cancellationToken)
    {
        Error = error;
        Draft = rule;
        ForFeed = rule.FeedId;
        await LoadAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private static string Back(long? feed) => feed is null ? "/reader/rules" : $"/reader/rules?feed={feed}";

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken);
        await LoadSidebarAsync(connection, countSavedViews: false);
        Rules = await EntryRuleStore.ListAsync(connection, Me);
    }
}
