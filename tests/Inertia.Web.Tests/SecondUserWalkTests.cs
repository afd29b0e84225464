using System.Data.Common;
using System.Net;
using System.Reflection;
using System.Text;
using Dapper;
using Inertia.Reader.Storage;
using Inertia.Reader.Tests;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Razor.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Inertia.Web.Tests;

/// <summary>
/// The reader's safety promise, walked: every page handler and every endpoint the app maps, called by a second user with
/// the first user's ids in every id-shaped place (route values, query, form), on both databases. Nothing of the first
/// user's shows in any answer, nothing of theirs changes, and nothing answers 500.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SecondUserWalkTests(PostgresServer postgres)
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    // what only alice's own pages may say
    private static readonly string[] s_secrets = ["Private diary", SiteHost.PrivateToken, "AliceSecretCategory", "AliceSavedView", "AliceRulePattern", "alice-import.opml", "AliceApiLabel"];

    [Theory, MemberData(nameof(Providers))]
    public async Task A_second_user_calling_every_route_with_the_first_users_ids_sees_and_changes_nothing_of_theirs(DatabaseProvider provider)
    {
        var (site, _, alice) = await SignedInSite.StartAsync(provider, postgres);
        await using var __ = site;
        var ids = await AlicesThingsAsync(site, alice);
        var before = await SnapshotAsync(site, alice);

        var bobId = await site.CreateUserAsync("bob", "bob-account-password");
        var bob = site.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await SiteHost.SignInAsync(bob, "bob", "bob-account-password")).StatusCode);
        await using (var connection = await site.Database.OpenAsync())
        {
            await SubscriptionStore.SubscribeAsync(connection, null, bobId, site.Feeds.Url("ithome.xml").ToString(), "BobCategory", null, null, 1);
        }
        var token = SiteHost.FormToken(await bob.GetStringAsync("/reader/subscriptions"));

        var routes = Routes(site).ToList();
        // the walk finds the pages' handlers by itself: a few it must have found
        foreach (var (method, template, handler) in new[] { ("POST", "/reader/rules", "Remove"), ("POST", "/reader/feeds/{id:long}", "Unsubscribe"), ("GET", "/reader/entries/{id:long}", null), ("POST", "/reader/subscriptions", "DeleteView"), ("GET", "/reader/import/{id:long}", null) })
        {
            Assert.Contains(routes, r => r.Method == method && r.Template == template && r.Handler == handler);
        }
        var calls = 0;
        var failures = new List<string>();
        foreach (var route in routes)
        {
            foreach (var id in ids.All)
            {
                var path = Fill(route.Template, ids, id);
                var query = string.Join('&', route.Parameters.Select(p => $"{p.Name}={Uri.EscapeDataString(Value(p, ids, id))}"));
                var target = path + (route.Handler is null ? "" : $"{(path.Contains('?') ? '&' : '?')}handler={route.Handler}");
                HttpResponseMessage response;
                if (route.Method == "GET")
                {
                    response = await bob.GetAsync(target + (query.Length == 0 ? "" : (target.Contains('?') ? "&" : "?") + query));
                }
                else
                {
                    var form = route.Parameters.Select(p => new KeyValuePair<string, string>(p.Name, Value(p, ids, id))).Append(new("__RequestVerificationToken", token));
                    response = await bob.SendAsync(new HttpRequestMessage(new HttpMethod(route.Method), target) { Content = new FormUrlEncodedContent(form) });
                }
                calls++;
                var body = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{route.Method} {target}: {(int)response.StatusCode}");
                }
                if (s_secrets.FirstOrDefault(s => body.Contains(s, StringComparison.Ordinal)) is { } leaked)
                {
                    failures.Add($"{route.Method} {target}: shows \"{leaked}\"");
                }
                if (response.Headers.Location?.OriginalString is { } location && s_secrets.Any(s => location.Contains(Uri.EscapeDataString(s), StringComparison.Ordinal)))
                {
                    failures.Add($"{route.Method} {target}: redirects to {location}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // the walk was real: every reader page and its handlers, each with every id of alice's
        Assert.True(calls > 300, $"{calls} calls");
        // and bob was signed in throughout (no handler signed him out)
        var reader = await bob.GetAsync("/reader");
        Assert.Equal(HttpStatusCode.OK, reader.StatusCode);
        Assert.Contains("BobCategory", await reader.Content.ReadAsStringAsync());
        Assert.Equal(before, await SnapshotAsync(site, alice));
    }

    /// <summary>Alice's ids of every kind, one of which each "id" is tried with.</summary>
    private sealed record AliceIds(long Feed, long Entry, long Category, long SavedView, long Rule, long Import, long ApiPassword)
    {
        public long[] All => [Feed, Entry, Category, SavedView, Rule, Import, ApiPassword];
    }

    private static async Task<AliceIds> AlicesThingsAsync(SiteHost site, long alice)
    {
        var feed = await site.SubscribePrivateFeedAsync(alice);
        await using var c = await site.Database.OpenAsync();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var category = await CategoryStore.EnsureAsync(c, null, alice, "AliceSecretCategory");
        Assert.True(await SubscriptionStore.SetCategoryAsync(c, alice, feed, category));
        var entry = await c.ExecuteScalarAsync<long>("SELECT MIN(id) FROM entries WHERE feed_id = @feed", new { feed });
        await ReadState.SetStarredAsync(site.Database, alice, entry, true, now);
        await SavedViewStore.SaveAsync(c, alice, "AliceSavedView", "/reader?q=diary", now);
        var view = await c.ExecuteScalarAsync<long>("SELECT id FROM saved_views WHERE user_id = @alice", new { alice });
        var rule = (await EntryRuleStore.AddAsync(c, new() { UserId = alice, FeedId = feed, Pattern = "AliceRulePattern", Action = Inertia.Reader.Rules.RuleAction.Star }, now))!.Value;
        var import = await ImportJobStore.StartAsync(c, alice, "alice-import.opml", 3, now);
        var password = await ApiPasswordStore.AddAsync(c, alice, "AliceApiLabel", "secret-hash", "edit-hash", "fever-key", now);
        return new AliceIds(feed, entry, category, view, rule, import, password);
    }

    // everything of alice's that bob must not change, as text
    private static async Task<string> SnapshotAsync(SiteHost site, long alice)
    {
        await using var c = await site.Database.OpenAsync();
        var text = new StringBuilder();
        foreach (var (table, where) in new[]
        {
            ("users", "id = @alice"), ("subscriptions", "user_id = @alice"), ("categories", "user_id = @alice"), ("entry_states", "user_id = @alice"),
            ("unread_entries", "user_id = @alice"), ("saved_views", "user_id = @alice"), ("entry_rules", "user_id = @alice"),
            ("import_jobs", "user_id = @alice"), ("api_passwords", "user_id = @alice"),
            ("entries", "feed_id IN (SELECT feed_id FROM subscriptions WHERE user_id = @alice)"),
        })
        {
            foreach (IDictionary<string, object?> row in await c.QueryAsync($"SELECT * FROM {table} WHERE {where} ORDER BY 1", new { alice }))
            {
                text.Append(table).Append(": ").AppendJoin(", ", row.Where(kv => kv.Key is not "last_seen_at").Select(kv => $"{kv.Key}={Show(kv.Value)}")).Append('\n');
            }
        }
        return text.ToString();
    }

    private static string Show(object? value) => value switch
    {
        null or DBNull => "null",
        byte[] bytes => Convert.ToHexString(bytes),
        bool b => b ? "1" : "0",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    private sealed record Parameter(string Name, Type Type);

    private sealed record Route(string Method, string Template, string? Handler, IReadOnlyList<Parameter> Parameters);

    // every Razor page with each of its handlers and their parameters, then every other endpoint the app maps
    private static IEnumerable<Route> Routes(SiteHost site)
    {
        var assembly = typeof(Hosting.WebApp).Assembly;
        foreach (var item in assembly.GetCustomAttributes<RazorCompiledItemAttribute>().Where(i => i.Kind == "mvc.1.0.razor-page"))
        {
            var template = item.Type.GetCustomAttributes<RazorCompiledItemMetadataAttribute>().FirstOrDefault(m => m.Key == "RouteTemplate")?.Value;
            var model = item.Type.GetProperty("Model")?.PropertyType;
            if (template is null || model is null || !typeof(PageModel).IsAssignableFrom(model) || template.StartsWith("/signout", StringComparison.Ordinal))
            {
                continue;
            }
            foreach (var method in model.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                var name = method.Name;
                var verb = name.StartsWith("OnGet", StringComparison.Ordinal) ? "GET" : name.StartsWith("OnPost", StringComparison.Ordinal) ? "POST" : null;
                if (verb is null)
                {
                    continue;
                }
                var handler = name[(verb == "GET" ? 5 : 6)..];
                handler = handler.EndsWith("Async", StringComparison.Ordinal) ? handler[..^5] : handler;
                if (handler.Contains("SignOut", StringComparison.Ordinal))
                {
                    continue;
                }
                var parameters = method.GetParameters().Where(p => p.ParameterType != typeof(CancellationToken) && !Routed(template, p.Name!))
                    .Select(p => new Parameter(p.Name!, p.ParameterType)).ToList();
                yield return new Route(verb, "/" + template.TrimStart('/'), handler.Length == 0 ? null : handler, parameters);
            }
        }
        var pages = assembly.GetCustomAttributes<RazorCompiledItemAttribute>().Select(i => i.Type).ToHashSet();
        foreach (var endpoint in site.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null || endpoint.RoutePattern.RawText is not { } raw
                || raw.Contains("signout", StringComparison.OrdinalIgnoreCase) || raw.Contains("{**", StringComparison.Ordinal))
            {
                continue;
            }
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                if (method is "GET" or "POST" or "PUT" or "DELETE")
                {
                    // the ids an endpoint reads from its query or body go by the same names as the pages'
                    yield return new Route(method, "/" + raw.TrimStart('/'), null, [new("id", typeof(long)), new("feed", typeof(long)), new("entry", typeof(long)), new("i", typeof(long))]);
                }
            }
        }
    }

    private static bool Routed(string template, string name) => template.Contains("{" + name, StringComparison.OrdinalIgnoreCase);

    // a route's values: an "id" is the id being tried; named ids are alice's of their kind
    private static string Fill(string template, AliceIds ids, long id) =>
        System.Text.RegularExpressions.Regex.Replace(template, @"\{([a-zA-Z]+)[^}]*\}", m => Value(new Parameter(m.Groups[1].Value, typeof(long)), ids, id));

    private static string Value(Parameter p, AliceIds ids, long id)
    {
        var name = p.Name.ToLowerInvariant();
        var type = Nullable.GetUnderlyingType(p.Type) ?? p.Type;
        if (type == typeof(bool))
        {
            return "true";
        }
        if (type != typeof(long) && type != typeof(int) && type != typeof(long[]) && !name.Contains("id", StringComparison.Ordinal))
        {
            // a text field: something bob might write over alice's with
            return name.Contains("url", StringComparison.Ordinal) ? "http://127.0.0.1:1/bob.xml" : "BobWasHere";
        }
        return (name switch
        {
            "id" or "i" => id,
            _ when name.Contains("feed", StringComparison.Ordinal) => ids.Feed,
            _ when name.Contains("categor", StringComparison.Ordinal) => ids.Category,
            _ when name.Contains("entr", StringComparison.Ordinal) => ids.Entry,
            _ when name.Contains("view", StringComparison.Ordinal) => ids.SavedView,
            _ when name.Contains("rule", StringComparison.Ordinal) => ids.Rule,
            _ when name.Contains("job", StringComparison.Ordinal) || name.Contains("import", StringComparison.Ordinal) => ids.Import,
            _ => id,
        }).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
