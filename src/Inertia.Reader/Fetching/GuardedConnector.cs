using System.Net;
using System.Net.Sockets;

namespace Inertia.Reader.Fetching;

/// <summary>
/// The socket connector for feed fetches: it resolves the host itself and connects only to an address the guard allows,
/// so the check is on the address actually connected to and a DNS answer that changes between check and use (rebinding)
/// cannot slip past it.
/// </summary>
public sealed class GuardedConnector(FetchOptions options)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        IPAddress[] addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        string? refusal = null;
        foreach (var address in addresses)
        {
            var why = options.AllowPrivateNetworks ? null : AddressGuard.Refusal(address);
            if (why is not null)
            {
                refusal ??= $"refused to connect to {endpoint.Host} ({address}): {why} address";
                continue;
            }
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException) when (address != addresses[^1])
            {
                socket.Dispose();
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw new HttpRequestException(refusal ?? $"no address for {endpoint.Host}");
    }
}
