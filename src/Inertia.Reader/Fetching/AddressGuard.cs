using System.Net;
using System.Net.Sockets;

namespace Inertia.Reader.Fetching;

/// <summary>Which addresses a feed fetch may connect to: never loopback, private, link-local, multicast or unspecified ones (SSRF).</summary>
public static class AddressGuard
{
    /// <summary>Why the address is refused, or null when it is a public unicast address.</summary>
    public static string? Refusal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address))
        {
            return "loopback";
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] switch
            {
                0 => "unspecified",
                10 => "private",
                100 when b[1] is >= 64 and <= 127 => "shared (carrier-grade NAT)",
                169 when b[1] == 254 => "link-local",
                172 when b[1] is >= 16 and <= 31 => "private",
                192 when b[1] == 168 => "private",
                192 when b[1] == 0 && b[2] == 0 => "reserved",
                198 when b[1] is 18 or 19 => "reserved (benchmarking)",
                >= 224 and <= 239 => "multicast",
                >= 240 => "reserved",
                _ => null,
            };
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any))
            {
                return "unspecified";
            }
            if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal)
            {
                return "link-local";
            }
            if (address.IsIPv6Multicast)
            {
                return "multicast";
            }
            var bytes = address.GetAddressBytes();
            if ((bytes[0] & 0xFE) == 0xFC)
            {
                return "private (unique local)";
            }
            // IPv6 forms that carry an IPv4 address: the IPv4 address decides
            if (EmbeddedIPv4(bytes) is ({ } embedded, var form) && Refusal(embedded) is { } why)
            {
                return $"{why} ({form} of {embedded})";
            }
            return null;
        }
        return "not an IP address";
    }

    // NAT64 (64:ff9b::/96 and the local-use 64:ff9b:1::/48), 6to4 (2002::/16), Teredo (2001::/32, the client's address
    // inverted) and the old IPv4-compatible form (::a.b.c.d)
    private static (IPAddress? Address, string Form) EmbeddedIPv4(byte[] b)
    {
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && (b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0 || (b[4] == 0 && b[5] == 1)))
        {
            return (new IPAddress(b.AsSpan(12, 4)), "NAT64");
        }
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return (new IPAddress(b.AsSpan(2, 4)), "6to4");
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0)
        {
            return (new IPAddress([(byte)~b[12], (byte)~b[13], (byte)~b[14], (byte)~b[15]]), "Teredo");
        }
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
        {
            return (new IPAddress(b.AsSpan(12, 4)), "IPv4-compatible IPv6");
        }
        return (null, "");
    }
}
