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
    // the configured proxy is the one destination the guard does not judge: the operator chose it (TargetGuardHandler
    // judges the targets sent through it)
    private readonly Uri? _proxy = options.Proxy is { Length: > 0 } p ? new Uri(p) : null;

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var isProxy = _proxy is not null && string.Equals(endpoint.Host, _proxy.Host, StringComparison.OrdinalIgnoreCase) && endpoint.Port == _proxy.Port;
        IPAddress[] addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        string? refusal = null;
        foreach (var address in addresses)
        {
            var why = options.AllowPrivateNetworks || isProxy ? null : AddressGuard.Refusal(address);
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
