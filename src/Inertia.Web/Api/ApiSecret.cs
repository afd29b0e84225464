using System.Security.Cryptography;
using System.Text;

namespace Inertia.Web.Api;

/// <summary>
/// API passwords and what is derived from them: a new password (160 random bits, 32 characters of base32), its SHA-256
/// as stored, the Google Reader edit token <c>T</c>, and Fever's key <c>md5("name:password")</c>.
/// </summary>
public static class ApiSecret
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>A new API password.</summary>
    public static string NewPassword()
    {
        Span<byte> bytes = stackalloc byte[20];
        RandomNumberGenerator.Fill(bytes);
        var text = new StringBuilder(32);
        // 160 bits, five at a time
        for (var bit = 0; bit < 160; bit += 5)
        {
            var value = 0;
            for (var k = 0; k < 5; k++)
            {
                var b = bit + k;
                value = (value << 1) | ((bytes[b / 8] >> (7 - (b % 8))) & 1);
            }
            text.Append(Alphabet[value]);
        }
        return text.ToString();
    }

    /// <summary>What is stored for a password: its SHA-256 in lower-case hex.</summary>
    public static string Hash(string secret) => Hex(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The Google Reader edit token of a password: 40 hex digits, itself a secret (only its hash is stored).</summary>
    public static string EditToken(string secret) => Hex(SHA256.HashData(Encoding.UTF8.GetBytes("inertia-greader-edit-token:" + secret)))[..40];

    /// <summary>Fever's key: md5 of "name:password", lower-case hex, as every Fever app computes it.</summary>
    public static string FeverKey(string userName, string secret) =>
#pragma warning disable CA5351 // Fever's protocol fixes MD5; the secret hashed is a random 160-bit API password, never the account's
        Hex(MD5.HashData(Encoding.UTF8.GetBytes($"{userName}:{secret}")));
#pragma warning restore CA5351

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
