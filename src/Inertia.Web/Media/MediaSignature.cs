using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Inertia.Web.Media;

/// <summary>
/// Proxy addresses, `/proxy/{signature}/{address}[?s=SUBSCRIPTION]`: the address base64url-encoded, and an HMAC-SHA256 of
/// it and the subscription by the server's key, so the proxy fetches only what one of its own pages (or API replies) named —
/// it is not an open proxy. The same address always gets the same signature (browsers and apps cache it).
/// </summary>
public sealed class MediaSignature(byte[] key)
{
    public const string Prefix = "/proxy/";

    /// <summary>The proxy's path for a media address, with the subscription whose rule applies (null: none).</summary>
    public string PathFor(string url, long? subscriptionId = null)
    {
        var data = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(url));
        var path = Prefix + Sign(data, subscriptionId) + "/" + data;
        return subscriptionId is { } s ? path + "?s=" + s.ToString(System.Globalization.CultureInfo.InvariantCulture) : path;
    }

    /// <summary>The media address a signed path names, or null when the signature is not this server's (or the address is not http(s)).</summary>
    public string? Verify(string signature, string data, long? subscriptionId)
    {
        byte[] given;
        try
        {
            given = WebEncoders.Base64UrlDecode(signature);
        }
        catch (FormatException)
        {
            return null;
        }
        var expected = WebEncoders.Base64UrlDecode(Sign(data, subscriptionId));
        if (!CryptographicOperations.FixedTimeEquals(given, expected))
        {
            return null;
        }
        string url;
        try
        {
            url = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(data));
        }
        catch (FormatException)
        {
            return null;
        }
        return Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? url : null;
    }

    // 16 bytes of the MAC: forging one takes 2^128 tries, and the address stays short
    private string Sign(string data, long? subscriptionId)
    {
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data + "|" + subscriptionId?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return WebEncoders.Base64UrlEncode(mac, 0, 16);
    }
}
