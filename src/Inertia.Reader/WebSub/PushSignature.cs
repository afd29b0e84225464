using System.Security.Cryptography;

namespace Inertia.Reader.WebSub;

/// <summary>Checks the X-Hub-Signature of a pushed body: <c>method=hex</c>, an HMAC of the body keyed with the subscription's secret.</summary>
public static class PushSignature
{
    /// <summary>True only when the header names a known method and its digest matches (compared in constant time).</summary>
    public static bool Matches(string? header, ReadOnlySpan<byte> body, string secret)
    {
        if (string.IsNullOrEmpty(header) || header.IndexOf('=') is var eq && eq <= 0)
        {
            return false;
        }
        byte[] given;
        try
        {
            given = Convert.FromHexString(header.AsSpan(eq + 1).Trim());
        }
        catch (FormatException)
        {
            return false;
        }
        var key = System.Text.Encoding.UTF8.GetBytes(secret);
        byte[]? expected = header[..eq].Trim().ToLowerInvariant() switch
        {
            "sha1" => HMACSHA1.HashData(key, body),
            "sha256" => HMACSHA256.HashData(key, body),
            "sha384" => HMACSHA384.HashData(key, body),
            "sha512" => HMACSHA512.HashData(key, body),
            _ => null,
        };
        return expected is not null && CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>The header a hub sends for this body (for hubs we write in tests, and for documentation of the format).</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), body));
}
