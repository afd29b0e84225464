using System.Data.Common;
using Inertia.Feeds.Opml;
using Inertia.Reader.Storage;

namespace Inertia.Reader.Ingest;

/// <summary>A user's subscriptions as an OPML 2.0 file, by category: what the reader, the CLI and each API export.</summary>
public static class OpmlExport
{
    public static async Task WriteAsync(DbConnection connection, long userId, string userName, Stream output, DateTimeOffset now)
    {
        var outlines = await SubscriptionStore.ListAsync(connection, userId);
        OpmlWriter.Write(output, $"{userName}'s subscriptions in Inertia", outlines, now);
    }

    public static async Task<byte[]> BytesAsync(DbConnection connection, long userId, string userName, DateTimeOffset now)
    {
        var buffer = new MemoryStream();
        await WriteAsync(connection, userId, userName, buffer, now);
        return buffer.ToArray();
    }
}
