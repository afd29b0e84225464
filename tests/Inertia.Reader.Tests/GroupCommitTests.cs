using Dapper;
using Inertia.Reader.Storage;

namespace Inertia.Reader.Tests;

/// <summary>Group commit on both providers: jobs share a transaction, and one that fails is rolled back alone.</summary>
[Collection(PostgresCollection.Name)]
public sealed class GroupCommitTests(PostgresServer postgres) : ProviderTest(postgres)
{
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_failing_job_is_rolled_back_alone_and_the_rest_of_its_batch_is_committed(DatabaseProvider provider)
    {
        await using var db = await NewMigratedDatabaseAsync(provider);
        // a first job holds the writer until the next three are queued, so that they make one batch
        var release = new TaskCompletionSource();
        var holding = db.Writes.RunAsync(async (c, tx) => await release.Task);
        Task<int> Add(string name) => db.Writes.RunAsync((c, tx) =>
            c.ExecuteAsync("INSERT INTO users (name, password_hash, created_at) VALUES (@name, 'x', 1)", new { name }, tx));
        var first = Add("first");
        var failing = db.Writes.RunAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("INSERT INTO users (name, password_hash, created_at) VALUES ('half-done', 'x', 1)", transaction: tx);
            return await c.ExecuteAsync("INSERT INTO no_such_table VALUES (1)", transaction: tx);
        });
        var last = Add("last");
        release.SetResult();
        await holding;

        Assert.Equal(1, await first);
        Assert.Equal(1, await last);
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => failing);
        await using var connection = await db.OpenAsync();
        Assert.Equal(["first", "last"], (await connection.QueryAsync<string>("SELECT name FROM users ORDER BY name")).ToArray());
    }
}
