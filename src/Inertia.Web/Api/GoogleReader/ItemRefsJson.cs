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
        for (var i = 0; i < refs.Count; i++)
        {
            var span = pipe.GetSpan(128);
            var n = 0;
            if (i > 0)
            {
                span[n++] = (byte)',';
            }
            n += Copy(s_id, span[n..]);
            Utf8Formatter.TryFormat(refs[i].Id, span[n..], out var written);
            n += written;
            n += Copy(s_timestamp, span[n..]);
            Utf8Formatter.TryFormat(refs[i].SortAt, span[n..], out written);
            n += written;
            n += Copy(s_close, span[n..]);
            pipe.Advance(n);
            if (i % 512 == 511)
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

    private static int Copy(ReadOnlySpan<byte> from, Span<byte> to)
    {
        from.CopyTo(to);
        return from.Length;
    }

    private static void Append(IBufferWriter<byte> pipe, ReadOnlySpan<byte> bytes) => pipe.Write(bytes);
}
