using Inertia.Reader.Storage;

namespace Inertia.Reader.Content;

/// <summary>
/// Looks for the icons feeds still lack, a few per pass; a site without one is remembered for <see cref="RecheckAfter"/>
/// so it is not asked on every pass. A failure with one site never stops the others.
/// </summary>
public sealed class IconRefresher(Database database, IconFetcher fetcher, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public TimeSpan RecheckAfter { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Looks for up to <paramref name="limit"/> icons; returns how many were found.</summary>
    public async Task<int> RefreshMissingAsync(int limit, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        IReadOnlyList<(long FeedId, string SiteUrl)> missing;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            missing = await IconStore.MissingAsync(connection, limit, now - (long)RecheckAfter.TotalSeconds);
        }
        var found = 0;
        foreach (var (feedId, siteUrl) in missing)
        {
            var icon = await fetcher.FetchAsync(siteUrl, cancellationToken);
            using (await database.WriterTurnAsync(cancellationToken))
            {
                await using var connection = await database.OpenAsync(cancellationToken);
                await IconStore.MarkCheckedAsync(connection, feedId, now);
                if (icon is not null)
                {
                    await IconStore.SaveAsync(connection, feedId, icon, now);
                    found++;
                }
            }
        }
        return found;
    }
}
