using Dapper;
using Inertia.Feeds.Html;
using Inertia.Feeds.Model;
using Inertia.Reader.Storage;

namespace Inertia.Reader.Tests;

/// <summary>The same storage behaviour, checked on SQLite and on a real PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class StorageTests(PostgresServer postgres) : ProviderTest(postgres)
{
    private static ParsedEntry Entry(string key, string title, string content = "<p>body</p>") =>
        new() { Key = key, Id = key, Title = title, Content = content, Url = $"https://e.example/{key}", Published = DateTimeOffset.FromUnixTimeSeconds(1_781_344_800) };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Migrations_apply_once_and_a_second_run_is_a_no_op(DatabaseProvider provider)
    {
        await using var db = NewDatabase(provider);
        var first = await Migrator.MigrateAsync(db);
        var second = await Migrator.MigrateAsync(db);
        Assert.Equal(Migrator.Scripts(provider).Select(s => s.Version), first);
        Assert.Empty(second);
        Assert.Equal(first[^1], await Migrator.CurrentVersionAsync(db));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_schema_from_a_newer_program_is_refused_and_left_alone(DatabaseProvider provider)
    {
        await using var db = await NewMigratedDatabaseAsync(provider);
        var newer = Migrator.Scripts(provider)[^1].Version + 1;
        await using (var c = await db.OpenAsync())
        {
            await c.ExecuteAsync("INSERT INTO schema_migrations (version, applied_at) VALUES (@newer, 1)", new { newer });
        }
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Migrator.MigrateAsync(db));
        Assert.Contains($"schema version {newer}, newer than this program's {newer - 1}", refused.Message);
        Assert.Equal(newer, await Migrator.CurrentVersionAsync(db));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Concurrent_migrations_apply_each_script_once(DatabaseProvider provider)
    {
        await using var db = NewDatabase(provider);
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Migrator.MigrateAsync(db))));
        Assert.Equal(Migrator.Scripts(provider).Count, runs.Sum(r => r.Count));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Upsert_inserts_new_updates_changed_and_sanitizes_only_what_it_writes(DatabaseProvider provider)
    {
        await using var db = NewDatabase(provider);
        await Migrator.MigrateAsync(db);
        await using var connection = await db.OpenAsync();
        var sanitized = 0;
        ParsedEntry Prepare(ParsedEntry e)
        {
            sanitized++;
            return EntryHtml.Sanitize(e);
        }

        await using (var tx = await connection.BeginTransactionAsync())
        {
            var feedId = await FeedStore.EnsureAsync(connection, tx, "https://e.example/feed", 1);
            Assert.Equal(feedId, await FeedStore.EnsureAsync(connection, tx, "https://e.example/feed", 2));
            var first = await EntryStore.UpsertAsync(connection, tx, feedId,
                [Entry("a", "A", "<p>a<script>x()</script></p>"), Entry("b", "B"), Entry("c", "C")], Prepare, 10);
            Assert.Equal(new UpsertResult(3, 0, 0), first);
            var again = await EntryStore.UpsertAsync(connection, tx, feedId, [Entry("a", "A", "<p>a<script>x()</script></p>"), Entry("b", "B"), Entry("c", "C")], Prepare, 11);
            Assert.Equal(new UpsertResult(0, 0, 3), again);
            Assert.Equal(3, sanitized);
            var changed = await EntryStore.UpsertAsync(connection, tx, feedId, [Entry("a", "A", "<p>a<script>x()</script></p>"), Entry("b", "B, edited"), Entry("d", "D")], Prepare, 12);
            Assert.Equal(new UpsertResult(1, 1, 1), changed);
            Assert.Equal(5, sanitized);
            await tx.CommitAsync();
        }

        var rows = (await connection.QueryAsync<(long Id, string Key, string Title, string Content)>("SELECT id, key, title, content FROM entries ORDER BY id")).ToList();
        Assert.Equal(["a", "b", "c", "d"], rows.Select(r => r.Key));
        Assert.Equal("B, edited", rows[1].Title);
        Assert.Equal("<p>a</p>", rows[0].Content);
        // ids increase with insertion and an update keeps its id
        Assert.True(rows.Zip(rows.Skip(1)).All(p => p.First.Id < p.Second.Id));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_same_delivery_from_two_connections_at_once_stores_each_entry_once(DatabaseProvider provider)
    {
        await using var db = NewDatabase(provider);
        await Migrator.MigrateAsync(db);
        long feedId;
        await using (var c = await db.OpenAsync())
        {
            feedId = await FeedStore.EnsureAsync(c, null, "https://e.example/feed", 1);
        }
        var batch = Enumerable.Range(0, 200).Select(i => Entry("k" + i, "T" + i)).ToList();
        async Task<UpsertResult> Deliver()
        {
            await using var c = await db.OpenAsync();
            await using var tx = await c.BeginTransactionAsync();
            var r = await EntryStore.UpsertAsync(c, tx, feedId, batch, e => e, 5);
            await tx.CommitAsync();
            return r;
        }
        var results = await Task.WhenAll(Task.Run(Deliver), Task.Run(Deliver));
        Assert.Equal(200, results.Sum(r => r.Inserted));
        await using var check = await db.OpenAsync();
        Assert.Equal(200, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM entries"));
    }

    private static IReadOnlyList<ParsedEntry> Items(params int[] numbers) =>
        Inertia.Feeds.Parsing.FeedParser.ParseText("<rss version=\"2.0\"><channel><title>t</title>"
            + string.Concat(numbers.Select(n => $"<item><title>story {n}</title><link>https://e.example/{n}</link><guid isPermaLink=\"false\">same</guid></item>"))
            + "</channel></rss>").Feed!.Entries;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_id_that_comes_to_be_shared_moves_the_stored_entry_to_its_new_key_instead_of_storing_it_twice(DatabaseProvider provider)
    {
        await using var db = await NewMigratedDatabaseAsync(provider);
        await using var connection = await db.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var feedId = await FeedStore.EnsureAsync(connection, tx, "https://e.example/shared", 1);
        async Task<UpsertResult> Ingest(IReadOnlyList<ParsedEntry> entries, long now) =>
            await EntryStore.UpsertAsync(connection, tx, feedId, entries, e => EntryHtml.Sanitize(e), now);
        async Task<List<(long Id, string Key)>> Rows() =>
            [.. await connection.QueryAsync<(long, string)>("SELECT id, key FROM entries WHERE feed_id = @feedId ORDER BY id", new { feedId }, tx)];

        // one item: stored under its guid, as ever
        Assert.Equal(new UpsertResult(1, 0, 0), await Ingest(Items(1), 10));
        var (firstId, firstKey) = Assert.Single(await Rows());
        Assert.Equal("same", firstKey);

        // two more items arrive with the same guid: the stored one keeps its row (and with it its read state), under its new key
        Assert.Equal(new UpsertResult(2, 0, 1), await Ingest(Items(3, 2, 1), 20));
        var rows = await Rows();
        Assert.Equal([(firstId, "same https://e.example/1")], rows.Where(r => r.Id == firstId));
        Assert.Equal(3, rows.Count);
        Assert.Equal(new UpsertResult(0, 0, 3), await Ingest(Items(3, 2, 1), 30));

        // the others leave the feed: the last one goes back to the guid alone, still the same row
        Assert.Equal(new UpsertResult(0, 0, 1), await Ingest(Items(1), 40));
        Assert.Equal([(firstId, "same")], (await Rows()).Where(r => r.Id == firstId));
        Assert.Equal(3, (await Rows()).Count);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_rdf_item_stored_under_its_dc_identifier_is_found_again_under_rdf_about(DatabaseProvider provider)
    {
        await using var db = await NewMigratedDatabaseAsync(provider);
        await using var connection = await db.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var feedId = await FeedStore.EnsureAsync(connection, tx, "https://journal.example.org/rss", 1);
        var entry = Inertia.Feeds.Parsing.FeedParser.ParseText("""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel rdf:about="https://journal.example.org/rss"><title>j</title></channel>
            <item rdf:about="https://journal.example.org/papers/42"><title>On feeds</title><link>https://journal.example.org/papers/42</link><dc:identifier>doi:10.1234/42</dc:identifier></item>
            </rdf:RDF>
            """).Feed!.Entries.Single();
        // what the rule before stored: the same entry keyed by its identifier
        await EntryStore.UpsertAsync(connection, tx, feedId, [entry with { Key = "doi:10.1234/42", PreviousKey = null, Id = "doi:10.1234/42" }], e => EntryHtml.Sanitize(e), 10);
        var result = await EntryStore.UpsertAsync(connection, tx, feedId, [entry], e => EntryHtml.Sanitize(e), 20);
        Assert.Equal(0, result.Inserted);
        Assert.Equal("https://journal.example.org/papers/42",
            await connection.QuerySingleAsync<string>("SELECT key FROM entries WHERE feed_id = @feedId", new { feedId }, tx));
    }
}
