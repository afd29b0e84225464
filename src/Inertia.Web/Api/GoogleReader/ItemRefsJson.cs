using System.Text.Json;
using Inertia.Reader.Storage;

namespace Inertia.Web.Api.GoogleReader;

/// <summary>
/// <c>stream/items/ids</c>' reply, written straight to the response: up to 10,000 refs, where building one object per
/// ref for the serializer cost more than the query. Ids and timestamps are strings, as Google Reader sent them.
/// </summary>
public sealed class ItemRefsJson(IReadOnlyList<StreamRef> refs, string? continuation) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(httpContext.Response.BodyWriter);
        json.WriteStartObject();
        json.WriteStartArray("itemRefs");
        var digits = new byte[32];
        foreach (var r in refs)
        {
            json.WriteStartObject();
            json.WriteString("id", Digits(digits, r.Id, ""));
            json.WriteStartArray("directStreamIds");
            json.WriteEndArray();
            json.WriteString("timestampUsec", Digits(digits, r.SortAt, "000000"));
            json.WriteEndObject();
            if (json.BytesPending > 16 * 1024)
            {
                await FlushAsync(json, httpContext);
            }
        }
        json.WriteEndArray();
        if (continuation is not null)
        {
            json.WriteString("continuation", continuation);
        }
        json.WriteEndObject();
        await FlushAsync(json, httpContext);
    }

    // the writer hands its bytes to the pipe; the pipe sends them (and holds back a client that reads slowly)
    private static async Task FlushAsync(Utf8JsonWriter json, HttpContext httpContext)
    {
        json.Flush();
        await httpContext.Response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    // a whole number's decimal digits (and a suffix: seconds as microseconds), without a string per number
    private static ReadOnlySpan<byte> Digits(Span<byte> buffer, long value, string suffix)
    {
        value.TryFormat(buffer, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        foreach (var c in suffix)
        {
            buffer[written++] = (byte)c;
        }
        return buffer[..written];
    }
}
