using System.Buffers;
using System.Buffers.Text;
using Inertia.Reader.Storage;

namespace Inertia.Web.Api.GoogleReader;

/// <summary>
/// <c>stream/items/ids</c>' reply, written straight to the response as UTF-8: up to 10,000 refs, where an object per
/// ref for the serializer, and then a JSON writer checking every digit for escaping, cost as much as the query. Only
/// digits and fixed text are written, so nothing needs escaping. Ids and timestamps are strings, as Google Reader sent them.
/// </summary>
public sealed class ItemRefsJson(IReadOnlyList<StreamRef> refs, string? continuation) : IResult
{
    private static readonly byte[] s_open = "{\"itemRefs\":["u8.ToArray();
    private static readonly byte[] s_id = "{\"id\":\""u8.ToArray();
    private static readonly byte[] s_timestamp = "\",\"directStreamIds\":[],\"timestampUsec\":\""u8.ToArray();
    private static readonly byte[] s_close = "000000\"}"u8.ToArray();

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        var pipe = httpContext.Response.BodyWriter;
        Append(pipe, s_open);
        // many refs to a span: each GetSpan and Advance on the response takes the connection's lock
        for (var (next, chunk) = (0, 1); next < refs.Count; chunk++)
        {
            pipe.Advance(WriteRefs(pipe.GetSpan(ChunkSize), ref next));
            if (chunk % 16 == 0)
            {
                await pipe.FlushAsync(httpContext.RequestAborted);
            }
        }
        Append(pipe, "]"u8);
        if (continuation is not null)
        {
            // a continuation is "sortAt-id": digits and a dash
            Append(pipe, ",\"continuation\":\""u8);
            Append(pipe, System.Text.Encoding.ASCII.GetBytes(continuation));
            Append(pipe, "\""u8);
        }
        Append(pipe, "}"u8);
        await pipe.FlushAsync(httpContext.RequestAborted);
    }

    // a memory block of Kestrel's pool; flushed every 16 (64 KB)
    private const int ChunkSize = 4096, MaxRef = 128;

    // the refs from next on that fit in the span, written; next moves past them
    private int WriteRefs(Span<byte> span, ref int next)
    {
        var n = 0;
        for (; next < refs.Count && span.Length - n >= MaxRef; next++)
        {
            if (next > 0)
            {
                span[n++] = (byte)',';
            }
            n += Copy(s_id, span[n..]);
            Utf8Formatter.TryFormat(refs[next].Id, span[n..], out var written);
            n += written;
            n += Copy(s_timestamp, span[n..]);
            Utf8Formatter.TryFormat(refs[next].SortAt, span[n..], out written);
            n += written;
            n += Copy(s_close, span[n..]);
        }
        return n;
    }

    private static int Copy(ReadOnlySpan<byte> from, Span<byte> to)
    {
        from.CopyTo(to);
        return from.Length;
    }

    private static void Append(IBufferWriter<byte> pipe, ReadOnlySpan<byte> bytes) => pipe.Write(bytes);
}
