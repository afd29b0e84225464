using System.Data.Common;
using Dapper;

namespace Inertia.Reader.Storage;

/// <summary>An account as stored: who, how they sign in, whether they may, and their settings. Times are Unix seconds.</summary>
public sealed record Account
{
    public long Id { get; init; }
    public required string Name { get; init; }
    /// <summary>The name as accounts are looked up by (upper case, invariant).</summary>
    public required string NormalizedName { get; init; }
    public required string PasswordHash { get; init; }
    public bool IsAdmin { get; init; }
    public long CreatedAt { get; init; }
    public string? SecurityStamp { get; init; }
    public long? LockoutEnd { get; init; }
    public int AccessFailedCount { get; init; }
    public long? DisabledAt { get; init; }
    public string? Language { get; init; }
    public string? Theme { get; init; }
    public string? TimeZone { get; init; }
}

/// <summary>Accounts: add, find, update, list, count.</summary>
public static class UserStore
{
    private const string Columns =
        "id AS Id, name AS Name, normalized_name AS NormalizedName, password_hash AS PasswordHash, is_admin AS IsAdmin, created_at AS CreatedAt, " +
        "security_stamp AS SecurityStamp, lockout_end AS LockoutEnd, access_failed_count AS AccessFailedCount, disabled_at AS DisabledAt, " +
        "language AS Language, theme AS Theme, time_zone AS TimeZone";

    /// <summary>The new user's id, or null when the name is taken.</summary>
    public static async Task<long?> AddAsync(DbConnection connection, Account account)
    {
        var inserted = await connection.ExecuteAsync(
            """
            INSERT INTO users (name, normalized_name, password_hash, is_admin, created_at, security_stamp)
            VALUES (@Name, @NormalizedName, @PasswordHash, @IsAdmin, @CreatedAt, @SecurityStamp)
            ON CONFLICT DO NOTHING
            """, account);
        return inserted == 0 ? null : await FindAsync(connection, account.Name);
    }

    /// <summary>Adds a user by name with a password hash made by the caller (the web app's hasher); null when the name is taken.</summary>
    public static Task<long?> AddAsync(DbConnection connection, string name, string passwordHash, bool admin, long now) =>
        AddAsync(connection, new Account
        {
            Name = name,
            NormalizedName = name.ToUpperInvariant(),
            PasswordHash = passwordHash,
            IsAdmin = admin,
            CreatedAt = now,
            SecurityStamp = Guid.NewGuid().ToString("N"),
        });

    /// <summary>The id of the user with exactly this name.</summary>
    public static Task<long?> FindAsync(DbConnection connection, string name) =>
        connection.ExecuteScalarAsync<long?>("SELECT id FROM users WHERE name = @name", new { name });

    /// <summary>How the user reads (the defaults for a user who never chose).</summary>
    public static async Task<ReadingSettings> ReadingAsync(DbConnection connection, long id) =>
        await connection.QuerySingleOrDefaultAsync<ReadingSettings>(
            "SELECT COALESCE(entries_per_page, 50) AS EntriesPerPage, open_in_new_tab AS OpenInNewTab, list_content AS ListContent, COALESCE(mark_read, 'open') AS MarkRead, "
            + "chinese_variant AS ChineseVariant, rsshub_instance AS RssHubInstance, proxy_media AS ProxyMedia FROM users WHERE id = @id",
            new { id }) ?? new ReadingSettings();

    /// <summary>
    /// Stores how the user reads; what is out of range is brought into it (10 to 200 a page; open, scroll or never; a known
    /// Chinese form or none; an http(s) RSSHub address or none).
    /// </summary>
    public static Task SetReadingAsync(DbConnection connection, long id, ReadingSettings settings) =>
        connection.ExecuteAsync(
            "UPDATE users SET entries_per_page = @perPage, open_in_new_tab = @newTab, list_content = @listContent, mark_read = @markRead, chinese_variant = @variant, rsshub_instance = @rssHub, proxy_media = @proxy WHERE id = @id",
            new
            {
                id,
                perPage = Math.Clamp(settings.EntriesPerPage, 10, 200),
                newTab = settings.OpenInNewTab,
                listContent = settings.ListContent,
                markRead = settings.MarkRead is ReadingSettings.OnScroll or ReadingSettings.Never ? settings.MarkRead : null,
                variant = Chinese.ChineseVariants.Code(Chinese.ChineseVariants.Parse(settings.ChineseVariant)),
                rssHub = Uri.TryCreate(settings.RssHubInstance?.Trim(), UriKind.Absolute, out var hub) && hub.Scheme is "http" or "https"
                    ? hub.GetLeftPart(UriPartial.Path).TrimEnd('/') : null,
                proxy = settings.ProxyMedia,
            });

    /// <summary>The token of the user's starred feed; null when they have none.</summary>
    public static Task<string?> FeedTokenAsync(DbConnection connection, long id) =>
        connection.ExecuteScalarAsync<string?>("SELECT feed_token FROM users WHERE id = @id", new { id });

    /// <summary>Gives the user's starred feed a new secret address (the old one stops answering), or none (null).</summary>
    public static Task SetFeedTokenAsync(DbConnection connection, long id, string? token) =>
        connection.ExecuteAsync("UPDATE users SET feed_token = @token WHERE id = @id", new { id, token });

    /// <summary>Whose starred feed the token opens: an account that is not disabled; null for any other token.</summary>
    public static Task<long?> ByFeedTokenAsync(DbConnection connection, string token) =>
        connection.ExecuteScalarAsync<long?>("SELECT id FROM users WHERE feed_token = @token AND disabled_at IS NULL", new { token });

    public static Task<Account?> ByIdAsync(DbConnection connection, long id) =>
        connection.QuerySingleOrDefaultAsync<Account>($"SELECT {Columns} FROM users WHERE id = @id", new { id });

    public static Task<Account?> ByNormalizedNameAsync(DbConnection connection, string normalizedName) =>
        connection.QuerySingleOrDefaultAsync<Account>($"SELECT {Columns} FROM users WHERE normalized_name = @normalizedName", new { normalizedName });

    /// <summary>Writes what may change about an account (everything but its id and creation); false when it is gone.</summary>
    public static async Task<bool> UpdateAsync(DbConnection connection, Account account) =>
        await connection.ExecuteAsync(
            """
            UPDATE users SET name = @Name, normalized_name = @NormalizedName, password_hash = @PasswordHash, is_admin = @IsAdmin,
                security_stamp = @SecurityStamp, lockout_end = @LockoutEnd, access_failed_count = @AccessFailedCount,
                disabled_at = @DisabledAt, language = @Language, theme = @Theme, time_zone = @TimeZone
            WHERE id = @Id
            """, account) > 0;

    public static async Task<IReadOnlyList<Account>> ListAsync(DbConnection connection) =>
        [.. await connection.QueryAsync<Account>($"SELECT {Columns} FROM users ORDER BY id")];

    public static Task<long> CountAsync(DbConnection connection) =>
        connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users");

    public static Task<int> DeleteAsync(DbConnection connection, long id) =>
        connection.ExecuteAsync("DELETE FROM users WHERE id = @id", new { id });
}
