using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Inertia.Web.Api;

/// <summary>
/// A request's parameters, the query string's then the form body's, in order and by exact name: the Google Reader API
/// tells <c>t</c> (a title) from <c>T</c> (the edit token), which ASP.NET's own collections, ignoring case, do not.
/// </summary>
public sealed class RequestParameters
{
    /// <summary>The largest form body read (an OPML import or a few thousand ids fit; a body larger is refused).</summary>
    public const int MaxFormBytes = 16 * 1024 * 1024;

    private readonly List<KeyValuePair<string, string>> _values = [];

    private RequestParameters()
    {
    }

    /// <summary>True when the body was a form (and is therefore read): the body is then not there for anything else.</summary>
    public bool BodyWasForm { get; private set; }

    /// <summary>Reads the query and, when the body is URL-encoded form data, the body. InvalidDataException (a 400) for a body too large or a NUL.</summary>
    public static async Task<RequestParameters> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var parameters = new RequestParameters();
        parameters.Add(request.QueryString.Value);
        if (request.HasFormContentType)
        {
            if (request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true)
            {
                // rare from apps; ASP.NET's reader, whose names ignore case, is good enough for it
                var form = await request.ReadFormAsync(cancellationToken);
                foreach (var (key, values) in form)
                {
                    foreach (var v in values)
                    {
                        parameters._values.Add(new(key, v ?? ""));
                    }
                }
            }
            else
            {
                if (request.ContentLength > MaxFormBytes)
                {
                    throw new InvalidDataException("form body too large");
                }
                using var reader = new StreamReader(request.Body, Encoding.UTF8);
                var text = new StringBuilder();
                var chunk = new char[16 * 1024];
                int n;
                while ((n = await reader.ReadAsync(chunk, cancellationToken)) > 0)
                {
                    text.Append(chunk, 0, n);
                    if (text.Length > MaxFormBytes)
                    {
                        throw new InvalidDataException("form body too large");
                    }
                }
                parameters.Add(text.ToString());
            }
            parameters.BodyWasForm = true;
        }
        return parameters;
    }

    private void Add(string? encoded)
    {
        if (string.IsNullOrEmpty(encoded))
        {
            return;
        }
        foreach (var pair in new QueryStringEnumerable(encoded))
        {
            var name = pair.DecodeName().ToString();
            var value = pair.DecodeValue().ToString();
            // no text Inertia stores holds NUL (PostgreSQL refuses it): refused here, not deep in a query
            if (name.Contains('\0') || value.Contains('\0'))
            {
                throw new InvalidDataException("a parameter holds a NUL character");
            }
            _values.Add(new(name, value));
        }
    }

    /// <summary>Every value of the parameter of exactly this name, in order.</summary>
    public IReadOnlyList<string> All(string name) => [.. _values.Where(v => v.Key == name).Select(v => v.Value)];

    /// <summary>The first value, or null.</summary>
    public string? One(string name)
    {
        foreach (var (key, value) in _values)
        {
            if (key == name)
            {
                return value;
            }
        }
        return null;
    }
}
