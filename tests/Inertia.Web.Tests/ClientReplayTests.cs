using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Inertia.Feeds.Model;
using Inertia.Reader.Storage;
using Inertia.Web.Api;

namespace Inertia.Web.Tests;

/// <summary>
/// A first sync and an incremental sync of real apps, request by request as their public source code makes them
/// (the file each replay follows is named on it), asserting the shapes and JSON types their parsers read: a field of
/// the wrong type or missing makes those parsers drop the whole batch. Between the two syncs an entry arrives and marks
/// are made, and the second sync must bring exactly that news.
/// </summary>
public sealed class ClientReplayTests
{
    private const string ReadingList = "user/-/state/com.google/reading-list";
    private const string Read = "user/-/state/com.google/read";
    private const string Starred = "user/-/state/com.google/starred";
    private const string Gr = "api/greader.php/";

    private sealed record Account(SiteHost Site, long UserId, string Password, long DevFeedId)
    {
        public HttpClient Http() => Site.Client(null);
    }

    private static async Task<Account> StartAsync()
    {
        var site = await SiteHost.StartAsync();
        var id = await site.CreateUserAsync("alice", "alice-account-password");
        var reader = await GoogleReaderClient.SignInAsync(site, id, "alice");
        await reader.EditAsync("reader/api/0/subscription/edit", ("ac", "subscribe"), ("s", "feed/" + site.Feeds.Url("dev-community.xml")), ("a", "user/-/label/Blogs"));
        await reader.EditAsync("reader/api/0/subscription/edit", ("ac", "subscribe"), ("s", "feed/" + site.Feeds.Url("ithome.xml")));
        var (_, password) = await ApiPasswords.CreateAsync(site.Database, id, "alice", "replay", DateTimeOffset.UtcNow.ToUnixTimeSeconds(), CancellationToken.None);
        await using var connection = await site.Database.OpenAsync();
        var dev = (await SubscriptionStore.FeedByUrlAsync(connection, id, site.Feeds.Url("dev-community.xml").ToString()))!.Value;
        return new Account(site, id, password, dev);
    }

    /// <summary>A new entry in the DEV feed, as a refresh would store it; its id.</summary>
    private static async Task<long> ArriveAsync(Account account, string title, bool withUrl = true)
    {
        await using var connection = await account.Site.Database.OpenAsync();
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await EntryStore.UpsertAsync(connection, tx, account.DevFeedId,
                [new ParsedEntry { Key = "replay-" + title, Title = title, Url = withUrl ? "https://dev.to/replay/" + Uri.EscapeDataString(title) : null, Content = "<p>" + title + "</p>" }],
                e => e, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            await tx.CommitAsync();
        }
        return await connection.ExecuteScalarAsync<long>("SELECT MAX(id) FROM entries WHERE feed_id = @feed", new { feed = account.DevFeedId });
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{what}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static HttpRequestMessage GoogleLogin(HttpMethod method, string path, string auth, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, Gr + path) { Content = content };
        request.Headers.TryAddWithoutValidation("Authorization", "GoogleLogin auth=" + auth);
        return request;
    }

    // a body as the app writes it by hand: not form-encoded by a library (so "/" and ":" stay as they are)
    private static StringContent RawForm(string body) => new(body, Encoding.UTF8, "application/x-www-form-urlencoded");

    private static void String(JsonElement parent, string name) =>
        Assert.True(parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String, $"{name} is not a string: {parent}");

    private static void Number(JsonElement parent, string name) =>
        Assert.True(parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number, $"{name} is not a number: {parent}");

    /// <summary>Each item as a Google Reader app parses it (NetNewsWire's ReaderAPIEntry, Read You's GoogleReaderDTO.Item, Fluent Reader's greader.ts).</summary>
    private static void AssertGoogleReaderItem(JsonElement item, IReadOnlySet<string> streams)
    {
        String(item, "id");
        Assert.StartsWith("tag:google.com,2005:reader/item/", item.GetProperty("id").GetString());
        String(item, "crawlTimeMsec");
        String(item, "timestampUsec");
        Number(item, "published");
        String(item, "title");
        // Fluent Reader reads summary.content and canonical[0].href without a check
        String(item.GetProperty("summary"), "content");
        String(item.GetProperty("canonical")[0], "href");
        String(item.GetProperty("alternate")[0], "href");
        Assert.All(item.GetProperty("categories").EnumerateArray(), c => Assert.Equal(JsonValueKind.String, c.ValueKind));
        Assert.Contains(item.GetProperty("origin").GetProperty("streamId").GetString()!, streams);
        String(item.GetProperty("origin"), "title");
        String(item, "author");
    }

    private static long HexId(string longId) => long.Parse(longId.Split('/')[^1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    // NetNewsWire 6: Modules/Account/Sources/Account/ReaderAPI/ReaderAPICaller.swift (calls), URLRequest+ReaderAPI.swift
    // (ClientLogin as a POSTed form; GoogleLogin header after), ReaderAPIEntry.swift, ReaderAPISubscription.swift (shapes)
    [Fact]
    public async Task NetNewsWire_first_and_incremental_sync()
    {
        var account = await StartAsync();
        await using var _ = account.Site;
        var http = account.Http();

        var login = await http.PostAsync(Gr + "accounts/ClientLogin", new FormUrlEncodedContent([new("Email", "alice"), new("Passwd", account.Password)]));
        // it splits each line on "=" and keeps lines of exactly two parts
        var auth = (await login.Content.ReadAsStringAsync()).Split('\n').Select(l => l.Split('=')).Single(p => p.Length == 2 && p[0] == "Auth")[1];
        var token = await (await http.SendAsync(GoogleLogin(HttpMethod.Get, "reader/api/0/token", auth))).Content.ReadAsStringAsync();

        var tags = await JsonAsync(await http.SendAsync(GoogleLogin(HttpMethod.Get, "reader/api/0/tag/list?output=json", auth)), "tag/list");
        Assert.All(tags.GetProperty("tags").EnumerateArray(), t => String(t, "id"));
        var subscriptions = (await JsonAsync(await http.SendAsync(GoogleLogin(HttpMethod.Get, "reader/api/0/subscription/list?output=json", auth)), "subscription/list"))
            .GetProperty("subscriptions").EnumerateArray().ToList();
        Assert.Equal(2, subscriptions.Count);
        foreach (var s in subscriptions)
        {
            String(s, "id");
            String(s, "title");
            String(s, "url");
            String(s, "htmlUrl");
            Assert.All(s.GetProperty("categories").EnumerateArray(), c => { String(c, "id"); String(c, "label"); });
        }
        var streams = subscriptions.Select(s => s.GetProperty("id").GetString()!).ToHashSet();

        async Task<(List<string> Ids, DateTimeOffset? Date)> IdsAsync(string query)
        {
            var ids = new List<string>();
            DateTimeOffset? date = null;
            string? continuation = null;
            do
            {
                var response = await http.SendAsync(GoogleLogin(HttpMethod.Get, $"reader/api/0/stream/items/ids?n=1000&output=json&{query}"
                    + (continuation is null ? "" : "&c=" + Uri.EscapeDataString(continuation)), auth));
                date ??= response.Headers.Date;
                var page = await JsonAsync(response, "stream/items/ids " + query);
                if (page.TryGetProperty("itemRefs", out var refs))
                {
                    ids.AddRange(refs.EnumerateArray().Select(r => r.GetProperty("id").GetString()!));
                }
                continuation = page.TryGetProperty("continuation", out var c) ? c.GetString() : null;
            }
            while (continuation is not null);
            return (ids, date);
        }

        async Task<List<JsonElement>> ContentsAsync(IEnumerable<string> decimalIds)
        {
            // ids go back as unpadded hex in the long form, with the token, in a body written by hand
            var i = string.Join("&", decimalIds.Select(d => "i=tag:google.com,2005:reader/item/" + long.Parse(d, CultureInfo.InvariantCulture).ToString("x", CultureInfo.InvariantCulture)));
            var wrapper = await JsonAsync(await http.SendAsync(GoogleLogin(HttpMethod.Post, "reader/api/0/stream/items/contents", auth, RawForm($"T={token}&output=json&{i}"))), "items/contents");
            String(wrapper, "id");
            Number(wrapper, "updated");
            return [.. wrapper.GetProperty("items").EnumerateArray()];
        }

        var threeMonthsAgo = DateTimeOffset.UtcNow.AddMonths(-3).ToUnixTimeSeconds();
        var (all, fetchStart) = await IdsAsync($"ot={threeMonthsAgo}&s={ReadingList}");
        var (unread, _) = await IdsAsync($"s={ReadingList}&xt={Read}");
        var (starred, _) = await IdsAsync($"s={Starred}");
        Assert.NotEmpty(all);
        Assert.Equal(all.Order(), unread.Order());
        Assert.Empty(starred);
        var items = await ContentsAsync(all);
        Assert.Equal(all.Count, items.Count);
        Assert.All(items, item => AssertGoogleReaderItem(item, streams));
        Assert.Equal(all.Select(long.Parse).Order(), items.Select(item => HexId(item.GetProperty("id").GetString()!)).Order());

        // marks: 16 zero-padded hex digits, the token, "a" or "r"
        var first = long.Parse(all[0], CultureInfo.InvariantCulture);
        var mark = await http.SendAsync(GoogleLogin(HttpMethod.Post, "reader/api/0/edit-tag", auth,
            RawForm($"T={token}&i=tag:google.com,2005:reader/item/{first:x16}&a={Read}")));
        Assert.Equal("OK", await mark.Content.ReadAsStringAsync());

        // incremental: what arrived since the last fetch began (its Date header), then unread and starred again
        var arrived = await ArriveAsync(account, "NetNewsWire sees this");
        await http.SendAsync(GoogleLogin(HttpMethod.Post, "reader/api/0/edit-tag", auth, RawForm($"T={token}&i=tag:google.com,2005:reader/item/{arrived:x16}&a={Starred}")));
        var (news, _) = await IdsAsync($"ot={fetchStart!.Value.ToUnixTimeSeconds()}&s={ReadingList}");
        Assert.Contains(arrived.ToString(CultureInfo.InvariantCulture), news);
        var newItem = Assert.Single(await ContentsAsync([arrived.ToString(CultureInfo.InvariantCulture)]));
        AssertGoogleReaderItem(newItem, streams);
        Assert.Contains(Starred, newItem.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        var (unreadNow, _) = await IdsAsync($"s={ReadingList}&xt={Read}");
        Assert.DoesNotContain(all[0], unreadNow);
        Assert.Contains(arrived.ToString(CultureInfo.InvariantCulture), unreadNow);
        Assert.Equal([arrived.ToString(CultureInfo.InvariantCulture)], (await IdsAsync($"s={Starred}")).Ids);
    }

    // Read You: app/src/main/java/me/ash/reader/infrastructure/rss/provider/greader/GoogleReaderAPI.kt (calls) and
    // GoogleReaderDTO.kt (shapes)
    [Fact]
    public async Task Read_You_first_and_incremental_sync()
    {
        var account = await StartAsync();
        await using var _ = account.Site;
        var http = account.Http();
        var login = await JsonAsync(await http.PostAsync(Gr + "accounts/ClientLogin", new FormUrlEncodedContent(
            [new("output", "json"), new("Email", "alice"), new("Passwd", account.Password), new("client", "ReadYou"), new("accountType", "HOSTED_OR_GOOGLE"), new("service", "reader")])), "ClientLogin");
        var auth = login.GetProperty("Auth").GetString()!;
        // FreshRSS ends the token with a newline, and Read You sends it back as it came: accepted either way
        var token = await (await http.SendAsync(GoogleLogin(HttpMethod.Get, "reader/api/0/token", auth))).Content.ReadAsStringAsync() + "\n";

        Task<HttpResponseMessage> GetAsync(string query, params (string, string)[] parameters) =>
            http.SendAsync(GoogleLogin(HttpMethod.Get, $"{query}?output=json{string.Concat(parameters.Select(p => $"&{p.Item1}={p.Item2}"))}", auth));
        Task<HttpResponseMessage> PostAsync(string query, (string, string)[] parameters, params (string, string)[] form) =>
            http.SendAsync(GoogleLogin(HttpMethod.Post, $"{query}?output=json{string.Concat(parameters.Select(p => $"&{p.Item1}={p.Item2}"))}", auth,
                new FormUrlEncodedContent([.. form.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)), new("T", token)])));

        var user = await JsonAsync(await GetAsync("reader/api/0/user-info"), "user-info");
        String(user, "userId");
        String(user, "userName");
        var subscriptions = (await JsonAsync(await GetAsync("reader/api/0/subscription/list"), "subscription/list")).GetProperty("subscriptions").EnumerateArray().ToList();
        var streams = subscriptions.Select(s => s.GetProperty("id").GetString()!).ToHashSet();
        Assert.All(subscriptions, s => String(s, "sortid"));

        async Task<List<string>> IdsAsync(params (string, string)[] parameters)
        {
            var page = await JsonAsync(await GetAsync("reader/api/0/stream/items/ids", [.. parameters, ("n", "10000")]), "stream/items/ids");
            return [.. page.GetProperty("itemRefs").EnumerateArray().Select(r => r.GetProperty("id").GetString()!)];
        }

        var since = DateTimeOffset.UtcNow.AddDays(-30).ToUnixTimeSeconds();
        var unread = await IdsAsync(("s", ReadingList), ("xt", Read));
        var starred = await IdsAsync(("s", Starred));
        var read = await IdsAsync(("s", Read), ("ot", since.ToString(CultureInfo.InvariantCulture)));
        Assert.NotEmpty(unread);
        Assert.Empty(starred);
        Assert.Empty(read);
        // contents by 16-digit hex ids (no prefix) in the form
        var contents = await JsonAsync(await PostAsync("reader/api/0/stream/items/contents", [],
            [.. unread.Select(id => ("i", long.Parse(id, CultureInfo.InvariantCulture).ToString("x16", CultureInfo.InvariantCulture)))]), "items/contents");
        var items = contents.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(unread.Count, items.Count);
        Assert.All(items, item => AssertGoogleReaderItem(item, streams));

        // marks by long-form id; mark-all-as-read of a feed with ts in seconds
        var first = long.Parse(unread[0], CultureInfo.InvariantCulture);
        Assert.Equal("OK", await (await PostAsync("reader/api/0/edit-tag", [], ("i", $"tag:google.com,2005:reader/item/{first:x16}"), ("a", Read))).Content.ReadAsStringAsync());
        var arrived = await ArriveAsync(account, "Read You sees this");
        Assert.Equal("OK", await (await PostAsync("reader/api/0/edit-tag", [], ("i", $"tag:google.com,2005:reader/item/{arrived:x16}"), ("a", Starred))).Content.ReadAsStringAsync());

        // incremental
        var unreadNow = await IdsAsync(("s", ReadingList), ("xt", Read), ("ot", since.ToString(CultureInfo.InvariantCulture)));
        Assert.Contains(arrived.ToString(CultureInfo.InvariantCulture), unreadNow);
        Assert.DoesNotContain(unread[0], unreadNow);
        Assert.Equal([unread[0]], await IdsAsync(("s", Read), ("ot", since.ToString(CultureInfo.InvariantCulture))));
        Assert.Equal([arrived.ToString(CultureInfo.InvariantCulture)], await IdsAsync(("s", Starred)));

        // quickadd with the URL in the query and the form; then mark a feed read
        var simon = account.Site.Feeds.Url("simonwillison.xml").ToString();
        var added = await JsonAsync(await PostAsync("reader/api/0/subscription/quickadd", [("quickadd", Uri.EscapeDataString(simon))], ("quickadd", simon)), "quickadd");
        Number(added, "numResults");
        String(added, "streamId");
        var ithome = streams.Single(s => s != $"feed/{account.DevFeedId}");
        Assert.Equal("OK", await (await PostAsync("reader/api/0/mark-all-as-read", [], ("s", ithome), ("ts", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)))).Content.ReadAsStringAsync());
        var counts = await JsonAsync(await GetAsync("reader/api/0/unread-count"), "unread-count");
        Assert.DoesNotContain(counts.GetProperty("unreadcounts").EnumerateArray(), c => c.GetProperty("id").GetString() == ithome && c.GetProperty("count").GetInt64() > 0);
    }

    // Fluent Reader 1.1: src/scripts/models/services/greader.ts — no edit token on writes, contents from the reading
    // list without a stream id in the path, and canonical[0].href and summary.content read without a check
    [Fact]
    public async Task Fluent_Reader_Google_Reader_first_and_incremental_sync()
    {
        var account = await StartAsync();
        await using var _ = account.Site;
        var http = account.Http();
        var text = await (await http.PostAsync(Gr + "accounts/ClientLogin", new FormUrlEncodedContent([new("Email", "alice"), new("Passwd", account.Password)]))).Content.ReadAsStringAsync();
        var auth = System.Text.RegularExpressions.Regex.Match(text, @"Auth=(\S+)").Groups[1].Value;
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(GoogleLogin(HttpMethod.Get, "reader/api/0/user-info", auth))).StatusCode);
        var subscriptions = (await JsonAsync(await http.SendAsync(GoogleLogin(HttpMethod.Get, "reader/api/0/subscription/list?output=json", auth)), "subscription/list"))
            .GetProperty("subscriptions").EnumerateArray().ToList();
        Assert.Contains(subscriptions, s => s.GetProperty("categories").GetArrayLength() > 0 && s.GetProperty("categories")[0].GetProperty("label").GetString() == "Blogs");
        var streams = subscriptions.Select(s => s.GetProperty("id").GetString()!).ToHashSet();

        async Task<List<JsonElement>> FetchItemsAsync(long? lastFetched, string? lastId)
        {
            var items = new List<JsonElement>();
            string? continuation = null;
            List<JsonElement> fetched;
            do
            {
                var query = "reader/api/0/stream/contents?output=json&n=125" + (lastFetched is null ? "" : $"&ot={lastFetched}") + (continuation is null ? "" : $"&c={continuation}");
                var page = await JsonAsync(await http.SendAsync(GoogleLogin(HttpMethod.Get, query, auth)), "stream/contents");
                fetched = [.. page.GetProperty("items").EnumerateArray()];
                foreach (var i in fetched)
                {
                    if (i.GetProperty("id").GetString()!.Split('/')[^1] == lastId)
                    {
                        break;
                    }
                    items.Add(i);
                }
                continuation = page.TryGetProperty("continuation", out var c) ? c.GetString() : null;
            }
            while (continuation is not null && fetched.Count >= 125);
            return items;
        }

        var items = await FetchItemsAsync(null, null);
        Assert.NotEmpty(items);
        Assert.All(items, item => AssertGoogleReaderItem(item, streams));
        var lastId = items[0].GetProperty("id").GetString()!.Split('/')[^1];
        var lastFetched = (long)Math.Round(long.Parse(items[0].GetProperty("crawlTimeMsec").GetString()!, CultureInfo.InvariantCulture) / 1000.0);
        var unread = await UnreadIdsAsync();
        Assert.Equal(items.Count, unread.Count);

        async Task<HashSet<string>> UnreadIdsAsync()
        {
            var page = await JsonAsync(await http.SendAsync(GoogleLogin(HttpMethod.Get, $"reader/api/0/stream/items/ids?output=json&s={ReadingList}&xt={Read}&n=1000", auth)), "ids");
            return [.. page.GetProperty("itemRefs").EnumerateArray().Select(r => r.GetProperty("id").GetString()!)];
        }

        // a mark with the compact (hex) id and no edit token: only the header
        var markedHex = items[^1].GetProperty("id").GetString()!.Split('/')[^1];
        var mark = await http.SendAsync(GoogleLogin(HttpMethod.Post, "reader/api/0/edit-tag", auth, new FormUrlEncodedContent([new("i", markedHex), new("a", Read)])));
        Assert.Equal("OK", await mark.Content.ReadAsStringAsync());
        // an entry with no link of its own: Fluent Reader still finds canonical[0].href
        var arrived = await ArriveAsync(account, "Fluent Reader sees this", withUrl: false);

        var news = await FetchItemsAsync(lastFetched, lastId);
        Assert.All(news, item => AssertGoogleReaderItem(item, streams));
        Assert.Contains(arrived, news.Select(i => HexId(i.GetProperty("id").GetString()!)));
        Assert.DoesNotContain(lastId, news.Select(i => i.GetProperty("id").GetString()!.Split('/')[^1]));
        var unreadNow = await UnreadIdsAsync();
        Assert.DoesNotContain(long.Parse(markedHex, NumberStyles.HexNumber, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), unreadNow);
        Assert.Contains(arrived.ToString(CultureInfo.InvariantCulture), unreadNow);

        // mark a feed read, again without a token
        var all = await http.SendAsync(GoogleLogin(HttpMethod.Post, "reader/api/0/mark-all-as-read", auth, new FormUrlEncodedContent([new("s", $"feed/{account.DevFeedId}")])));
        Assert.Equal("OK", await all.Content.ReadAsStringAsync());
        Assert.DoesNotContain(arrived.ToString(CultureInfo.InvariantCulture), await UnreadIdsAsync());
    }

    // Fluent Reader 1.1: src/scripts/models/services/fever.ts — every call a POST of "api_key=…" to "?api…", items paged
    // down by max_id from Number.MAX_SAFE_INTEGER, ids compared as numbers
    [Fact]
    public async Task Fluent_Reader_Fever_first_and_incremental_sync()
    {
        var account = await StartAsync();
        await using var _ = account.Site;
        var http = account.Http();
        var key = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes($"alice:{account.Password}")));

        async Task<JsonElement> FeverAsync(string parameters = "", string postParameters = "") =>
            await JsonAsync(await http.PostAsync("fever/?api" + parameters, new StringContent($"api_key={key}{postParameters}", Encoding.UTF8, "application/x-www-form-urlencoded")), "fever " + parameters);

        Assert.Equal(1, (await FeverAsync()).GetProperty("auth").GetInt32());
        var feeds = await FeverAsync("&feeds");
        var feedIds = feeds.GetProperty("feeds").EnumerateArray().Select(f => { Number(f, "id"); String(f, "url"); String(f, "title"); return f.GetProperty("id").GetInt64(); }).ToHashSet();
        var groups = (await FeverAsync("&groups")).GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("id").GetInt64(), g => g.GetProperty("title").GetString()!.Trim());
        foreach (var fg in feeds.GetProperty("feeds_groups").EnumerateArray())
        {
            Assert.Contains(fg.GetProperty("group_id").GetInt64(), groups.Keys);
            Assert.All(fg.GetProperty("feed_ids").GetString()!.Split(','), id => Assert.Contains(long.Parse(id, CultureInfo.InvariantCulture), feedIds));
        }

        async Task<List<JsonElement>> FetchItemsAsync(long lastId)
        {
            var items = new List<JsonElement>();
            var min = 9007199254740991L;
            List<JsonElement> page;
            do
            {
                page = [.. (await FeverAsync($"&items&max_id={min}")).GetProperty("items").EnumerateArray()];
                items.AddRange(page.Where(i => i.GetProperty("id").GetInt64() > lastId));
                min = page.Select(i => i.GetProperty("id").GetInt64()).Append(min).Min();
            }
            while (min > lastId && page.Count >= 50);
            return items;
        }

        var items = await FetchItemsAsync(0);
        Assert.NotEmpty(items);
        foreach (var i in items)
        {
            Number(i, "id");
            Assert.Contains(i.GetProperty("feed_id").GetInt64(), feedIds);
            String(i, "title");
            String(i, "url");
            String(i, "html");
            String(i, "author");
            Number(i, "created_on_time");
            Assert.InRange(i.GetProperty("is_read").GetInt32(), 0, 1);
            Assert.InRange(i.GetProperty("is_saved").GetInt32(), 0, 1);
        }
        var lastId = items.Max(i => i.GetProperty("id").GetInt64());
        var unread = (await FeverAsync("&unread_item_ids")).GetProperty("unread_item_ids").GetString()!.Split(',').Select(long.Parse).ToHashSet();
        Assert.Equal(items.Count, unread.Count);
        Assert.Equal("", (await FeverAsync("&saved_item_ids")).GetProperty("saved_item_ids").GetString());

        var marked = items[^1].GetProperty("id").GetInt64();
        await FeverAsync("", $"&mark=item&as=read&id={marked}");
        var arrived = await ArriveAsync(account, "Fluent Reader's Fever sees this");
        await FeverAsync("", $"&mark=item&as=saved&id={arrived}");

        var news = await FetchItemsAsync(lastId);
        Assert.Equal([arrived], news.Select(i => i.GetProperty("id").GetInt64()));
        var unreadNow = (await FeverAsync("&unread_item_ids")).GetProperty("unread_item_ids").GetString()!.Split(',').Select(long.Parse).ToHashSet();
        Assert.DoesNotContain(marked, unreadNow);
        Assert.Contains(arrived, unreadNow);
        Assert.Equal(arrived.ToString(CultureInfo.InvariantCulture), (await FeverAsync("&saved_item_ids")).GetProperty("saved_item_ids").GetString());

        // mark a feed read before a time (seconds, one past now)
        await FeverAsync("", $"&mark=feed&as=read&id={account.DevFeedId}&before={DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1}");
        Assert.DoesNotContain(arrived, (await FeverAsync("&unread_item_ids")).GetProperty("unread_item_ids").GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse));
    }

    // Read You 0.10: app/src/main/java/me/ash/reader/infrastructure/rss/provider/fever/FeverAPI.kt (every call a POST of
    // api_key alone to "<server>?api=&<query>", marks in the query after a doubled "&"), FeverDTO.kt (shapes),
    // domain/service/FeverRssService.kt (the sync: groups, feeds, favicons, then items&since_id= from "" on a first sync,
    // each next page since the last id of the page before until one has fewer than 50; then unread and saved ids)
    [Fact]
    public async Task Read_You_Fever_first_and_incremental_sync()
    {
        var account = await StartAsync();
        await using var _ = account.Site;
        var http = account.Http();
        var key = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes($"alice:{account.Password}")));
        for (var i = 0; i < 60; i++)
        {
            await ArriveAsync(account, $"Backlog {i:00}");
        }

        async Task<JsonElement> CallAsync(string query)
        {
            var reply = await JsonAsync(await http.PostAsync("api/fever.php?api=&" + query, new FormUrlEncodedContent([new("api_key", key)])), "fever " + query);
            // checkAuth: auth must be a number above 0, on every reply
            Assert.True(reply.GetProperty("auth").GetInt32() > 0, query);
            Number(reply, "api_version");
            Number(reply, "last_refreshed_on_time");
            return reply;
        }

        await CallAsync("");
        var groups = (await CallAsync("groups")).GetProperty("groups").EnumerateArray().Select(g => { Number(g, "id"); String(g, "title"); return g.GetProperty("id").GetInt32(); }).ToHashSet();
        var feeds = await CallAsync("feeds");
        // feedsGroupsMap[feed.id]!!: a feed in no group would end the sync with a NullPointerException
        var groupOf = new Dictionary<string, int>();
        foreach (var fg in feeds.GetProperty("feeds_groups").EnumerateArray())
        {
            Assert.Contains(fg.GetProperty("group_id").GetInt32(), groups);
            foreach (var id in fg.GetProperty("feed_ids").GetString()!.Split(','))
            {
                groupOf[id] = fg.GetProperty("group_id").GetInt32();
            }
        }
        var feedIds = new HashSet<int>();
        foreach (var f in feeds.GetProperty("feeds").EnumerateArray())
        {
            Number(f, "id");
            Number(f, "favicon_id");
            String(f, "title");
            String(f, "url");
            Assert.True(groupOf.ContainsKey(f.GetProperty("id").GetInt32().ToString(CultureInfo.InvariantCulture)), $"feed {f} is in no group");
            feedIds.Add(f.GetProperty("id").GetInt32());
        }
        Assert.Equal(2, feedIds.Count);
        foreach (var icon in (await CallAsync("favicons")).GetProperty("favicons").EnumerateArray())
        {
            Number(icon, "id");
        }

        async Task<(List<JsonElement> Items, string SinceId)> ItemsSinceAsync(string sinceId)
        {
            var items = new List<JsonElement>();
            while (true)
            {
                var page = (await CallAsync("items&since_id=" + sinceId)).GetProperty("items").EnumerateArray().ToList();
                if (page.Count == 0)
                {
                    break;
                }
                items.AddRange(page);
                // the id of the page's last item is where the next page starts (Gson reads the number into a String)
                sinceId = page[^1].GetProperty("id").GetRawText().Trim('"');
                if (page.Count < 50)
                {
                    break;
                }
            }
            return (items, sinceId);
        }

        var (first, since) = await ItemsSinceAsync("");
        await using (var connection = await account.Site.Database.OpenAsync())
        {
            var stored = (await connection.QueryAsync<long>("SELECT e.id FROM entries e JOIN subscriptions s ON s.feed_id = e.feed_id WHERE s.user_id = @UserId", new { account.UserId })).Order();
            // every entry, each once: a first sync starts from the oldest and pages up
            Assert.Equal(stored, first.Select(i => i.GetProperty("id").GetInt64()).Order());
        }
        foreach (var i in first)
        {
            Assert.Contains(i.GetProperty("feed_id").GetInt32(), feedIds);
            String(i, "title");
            String(i, "html");
            String(i, "url");
            Number(i, "created_on_time");
            Assert.InRange(i.GetProperty("is_read").GetInt32(), 0, 1);
            Assert.InRange(i.GetProperty("is_saved").GetInt32(), 0, 1);
        }
        var unread = (await CallAsync("unread_item_ids")).GetProperty("unread_item_ids").GetString()!.Split(',').ToHashSet();
        Assert.Equal(first.Count, unread.Count);

        // marks as Read You sends them: in the query, after "api=&" and another "&"
        var read = first[0].GetProperty("id").GetInt64();
        var starred = first[1].GetProperty("id").GetInt64();
        await CallAsync($"&mark=item&as=read&id={read}");
        await CallAsync($"&mark=item&as=saved&id={starred}");
        var arrived = await ArriveAsync(account, "Read You's Fever sees this");

        var (news, _) = await ItemsSinceAsync(since);
        Assert.Equal([arrived], news.Select(i => i.GetProperty("id").GetInt64()));
        var unreadNow = (await CallAsync("unread_item_ids")).GetProperty("unread_item_ids").GetString()!.Split(',');
        Assert.DoesNotContain(read.ToString(CultureInfo.InvariantCulture), unreadNow);
        Assert.Contains(arrived.ToString(CultureInfo.InvariantCulture), unreadNow);
        Assert.Equal([starred.ToString(CultureInfo.InvariantCulture)], (await CallAsync("saved_item_ids")).GetProperty("saved_item_ids").GetString()!.Split(','));

        // the group of the feeds in no category is marked like any other group
        var uncategorized = groupOf.Single(g => g.Value == Inertia.Web.Api.Fever.FeverMarks.Uncategorized).Key;
        await CallAsync($"&mark=group&as=read&id={Inertia.Web.Api.Fever.FeverMarks.Uncategorized}&before={DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1}");
        var ofUncategorized = first.Where(i => i.GetProperty("feed_id").GetInt32().ToString(CultureInfo.InvariantCulture) == uncategorized).Select(i => i.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(ofUncategorized);
        var unreadAfterGroup = (await CallAsync("unread_item_ids")).GetProperty("unread_item_ids").GetString()!.Split(',');
        Assert.DoesNotContain(unreadAfterGroup, ofUncategorized.Contains);
        Assert.Contains(arrived.ToString(CultureInfo.InvariantCulture), unreadAfterGroup);

        // "mark all read" with no time: before = Long.MAX_VALUE milliseconds / 1000, for each feed
        foreach (var feed in feedIds)
        {
            await CallAsync($"&mark=feed&as=read&id={feed}&before={long.MaxValue / 1000}");
        }
        Assert.Equal("", (await CallAsync("unread_item_ids")).GetProperty("unread_item_ids").GetString());
        await using var check = await account.Site.Database.OpenAsync();
        Assert.Equal(0, await ReadState.UnreadCountAsync(check, account.UserId));
    }

    // Fluent Reader 1.1: src/scripts/models/services/miniflux.ts — every request with a form Content-Type (JSON bodies
    // included), entries paged down by before_entry_id, new ones by after_entry_id
    [Fact]
    public async Task Fluent_Reader_Miniflux_first_and_incremental_sync()
    {
        var account = await StartAsync();
        await using var _ = account.Site;

        async Task<HttpResponseMessage> CallAsync(string endpoint, string method = "GET", string? body = null, bool basic = false)
        {
            var request = new HttpRequestMessage(new HttpMethod(method), "v1/" + endpoint)
            {
                Content = new StringContent(body ?? "", Encoding.UTF8, "application/x-www-form-urlencoded"),
            };
            if (basic)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"alice:{account.Password}")));
            }
            else
            {
                request.Headers.Add("X-Auth-Token", account.Password);
            }
            return await account.Http().SendAsync(request);
        }

        Assert.False((await JsonAsync(await CallAsync("me", basic: true), "me")).TryGetProperty("error_message", out var error), $"{error}");
        Assert.All((await JsonAsync(await CallAsync("categories"), "categories")).EnumerateArray(), c => String(c, "title"));
        var feeds = (await JsonAsync(await CallAsync("feeds"), "feeds")).EnumerateArray().ToList();
        foreach (var f in feeds)
        {
            Number(f, "id");
            String(f, "feed_url");
            String(f, "title");
            String(f.GetProperty("category"), "title");
        }
        var feedIds = feeds.Select(f => f.GetProperty("id").GetInt64()).ToHashSet();

        async Task<List<JsonElement>> ByPageAsync(string parameters)
        {
            var items = new List<JsonElement>();
            long? continueId = null;
            JsonElement page;
            do
            {
                page = await JsonAsync(await CallAsync($"entries?order=id&direction=desc&limit=125&{parameters}" + (continueId is null ? "" : $"&before_entry_id={continueId}")), "entries");
                var entries = page.GetProperty("entries").EnumerateArray().ToList();
                if (entries.Count == 0)
                {
                    break;
                }
                items.AddRange(entries);
                continueId = items[^1].GetProperty("id").GetInt64();
            }
            while (page.GetProperty("total").GetInt64() > page.GetProperty("entries").GetArrayLength());
            return items;
        }

        async Task<List<JsonElement>> FetchItemsAsync(long lastId) =>
            [.. (await JsonAsync(await CallAsync($"entries?order=id&direction=desc&after_entry_id={lastId}&limit=125"), "new entries")).GetProperty("entries").EnumerateArray()];

        var items = await FetchItemsAsync(0);
        Assert.NotEmpty(items);
        foreach (var e in items)
        {
            Number(e, "id");
            Assert.Contains(e.GetProperty("status").GetString(), new[] { "unread", "read" });
            String(e, "title");
            String(e, "url");
            String(e, "published_at");
            String(e, "created_at");
            String(e, "content");
            String(e, "author");
            Assert.True(e.GetProperty("starred").ValueKind is JsonValueKind.True or JsonValueKind.False);
            Assert.Contains(e.GetProperty("feed").GetProperty("id").GetInt64(), feedIds);
        }
        var lastId = items[0].GetProperty("id").GetInt64();
        Assert.Equal(items.Max(e => e.GetProperty("id").GetInt64()), lastId);
        Assert.Equal(items.Count, (await ByPageAsync("status=unread")).Count);
        Assert.Empty(await ByPageAsync("starred=true"));
        var icon = await CallAsync($"feeds/{account.DevFeedId}/icon");
        Assert.True(icon.StatusCode == HttpStatusCode.NotFound || (await JsonAsync(icon, "icon")).GetProperty("data").GetString()!.StartsWith("image/", StringComparison.Ordinal));

        // marks: a JSON body under a form Content-Type, written by hand with newlines
        var marked = items[^1].GetProperty("id").GetInt64();
        var read = await CallAsync("entries", "PUT", $$"""
            {
                "entry_ids": [{{marked}}],
                "status": "read"
            }
            """);
        Assert.Equal(HttpStatusCode.NoContent, read.StatusCode);
        var arrived = await ArriveAsync(account, "Fluent Reader's Miniflux sees this");
        Assert.Equal(HttpStatusCode.NoContent, (await CallAsync($"entries/{arrived}/bookmark", "PUT")).StatusCode);

        var news = await FetchItemsAsync(lastId);
        Assert.Equal([arrived], news.Select(e => e.GetProperty("id").GetInt64()));
        var unreadNow = (await ByPageAsync("status=unread")).Select(e => e.GetProperty("id").GetInt64()).ToList();
        Assert.DoesNotContain(marked, unreadNow);
        Assert.Contains(arrived, unreadNow);
        Assert.Equal([arrived], (await ByPageAsync("starred=true")).Select(e => e.GetProperty("id").GetInt64()));
        Assert.Equal(HttpStatusCode.NoContent, (await CallAsync($"feeds/{account.DevFeedId}/mark-all-as-read", "PUT")).StatusCode);
        Assert.DoesNotContain(arrived, (await ByPageAsync("status=unread")).Select(e => e.GetProperty("id").GetInt64()));
    }

    // NewsFlash (GNOME Newsfeed): its Google Reader client is the greader_api crate (news-flash/greader_api, 0.6.0):
    // the calls of src/lib.rs (stream_contents with a stream, amount, continuation, exclude/include streams and
    // older/newer bounds; items_ids; items_contents by long id) and the strict serde models of src/models/stream.rs and
    // src/models/item.rs, where a missing or mistyped field fails the whole page: every item needs origin.streamId and
    // origin.title, categories, alternate[].href, timestampUsec and crawlTimeMsec as strings and published as a number;
    // the stream needs id and a numeric updated
    [Fact]
    public async Task NewsFlash_first_and_incremental_sync()
    {
        var account = await StartAsync();
        await using var _ = account.Site;
        var http = account.Http();
        var login = await http.PostAsync(Gr + "accounts/ClientLogin", new FormUrlEncodedContent([new("Email", "alice"), new("Passwd", account.Password)]));
        var auth = (await login.Content.ReadAsStringAsync()).Split('\n').Single(l => l.StartsWith("Auth=", StringComparison.Ordinal))[5..];
        var token = await (await http.SendAsync(GoogleLogin(HttpMethod.Get, "reader/api/0/token", auth))).Content.ReadAsStringAsync();
        var user = await JsonAsync(await http.SendAsync(GoogleLogin(HttpMethod.Get, "reader/api/0/user-info?output=json", auth)), "user-info");
        String(user, "userId");
        String(user, "userName");
        var unreadCount = await JsonAsync(await http.SendAsync(GoogleLogin(HttpMethod.Get, "reader/api/0/unread-count?output=json", auth)), "unread-count");
        Number(unreadCount, "max");
        Assert.All(unreadCount.GetProperty("unreadcounts").EnumerateArray(), c => { String(c, "id"); Number(c, "count"); String(c, "newestItemTimestampUsec"); });
        var streams = (await JsonAsync(await http.SendAsync(GoogleLogin(HttpMethod.Get, "reader/api/0/subscription/list?output=json", auth)), "subscription/list"))
            .GetProperty("subscriptions").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToHashSet();

        void StrictItem(JsonElement item)
        {
            String(item.GetProperty("origin"), "streamId");
            String(item.GetProperty("origin"), "title");
            String(item, "id");
            Assert.All(item.GetProperty("categories").EnumerateArray(), c => Assert.Equal(JsonValueKind.String, c.ValueKind));
            Assert.All(item.GetProperty("alternate").EnumerateArray(), a => String(a, "href"));
            String(item, "timestampUsec");
            String(item, "crawlTimeMsec");
            Number(item, "published");
            String(item.GetProperty("summary"), "content");
            Assert.Contains(item.GetProperty("origin").GetProperty("streamId").GetString()!, streams);
        }

        async Task<List<JsonElement>> StreamAsync(string stream, string query)
        {
            var items = new List<JsonElement>();
            string? continuation = null;
            do
            {
                var page = await JsonAsync(await http.SendAsync(GoogleLogin(HttpMethod.Get,
                    $"reader/api/0/stream/contents/{Uri.EscapeDataString(stream)}?output=json&{query}" + (continuation is null ? "" : $"&c={Uri.EscapeDataString(continuation)}"), auth)), "stream/contents");
                String(page, "id");
                Number(page, "updated");
                items.AddRange(page.GetProperty("items").EnumerateArray());
                continuation = page.TryGetProperty("continuation", out var c) ? c.GetString() : null;
            }
            while (continuation is not null);
            return items;
        }

        // first sync: the unread reading list, oldest first, in pages; then the starred
        var unread = await StreamAsync(ReadingList, $"r=o&n=10&xt={Read}");
        Assert.All(unread, StrictItem);
        var published = unread.Select(i => i.GetProperty("timestampUsec").GetString()!).Select(long.Parse).ToList();
        Assert.Equal(published.Order(), published);
        Assert.Empty(await StreamAsync(Starred, "n=100"));
        var startOfSync = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        // a mark by long id, then news: only what arrived since (ot), unread, and by id through items/contents
        var first = unread[0].GetProperty("id").GetString()!;
        var mark = await http.SendAsync(GoogleLogin(HttpMethod.Post, "reader/api/0/edit-tag", auth, new FormUrlEncodedContent([new("i", first), new("a", Read), new("T", token)])));
        Assert.Equal("OK", await mark.Content.ReadAsStringAsync());
        var arrived = await ArriveAsync(account, "NewsFlash sees this");
        var news = await StreamAsync(ReadingList, $"n=100&xt={Read}&ot={startOfSync - 1}");
        Assert.Contains(arrived, news.Select(i => HexId(i.GetProperty("id").GetString()!)));
        Assert.DoesNotContain(first, news.Select(i => i.GetProperty("id").GetString()));
        var refs = await JsonAsync(await http.SendAsync(GoogleLogin(HttpMethod.Get, $"reader/api/0/stream/items/ids?output=json&s={ReadingList}&n=1000&xt={Read}", auth)), "ids");
        var ids = refs.GetProperty("itemRefs").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();
        Assert.Equal(unread.Count, ids.Count);
        var contents = await JsonAsync(await http.SendAsync(GoogleLogin(HttpMethod.Post, "reader/api/0/stream/items/contents?output=json", auth,
            new FormUrlEncodedContent([.. ids.Take(20).Select(id => new KeyValuePair<string, string>("i", "tag:google.com,2005:reader/item/" + long.Parse(id, CultureInfo.InvariantCulture).ToString("x16", CultureInfo.InvariantCulture))), new("T", token)]))), "items/contents");
        Number(contents, "updated");
        Assert.All(contents.GetProperty("items").EnumerateArray(), StrictItem);
    }
}
