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
            var first = address.GetAddressBytes()[0];
            if ((first & 0xFE) == 0xFC)
            {
                return "private (unique local)";
            }
            return null;
        }
        return "not an IP address";
    }
}
