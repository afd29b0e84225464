using System.Net;

namespace Inertia.Reader.Fetching;

/// <summary>
/// With an HTTP proxy configured, connections go to the proxy, so the connector never sees the target: this handler
/// resolves the request's host itself and refuses it when any of its addresses is one the guard refuses (the proxy
/// resolves the name again on its own and might pick that one).
/// </summary>
public sealed class TargetGuardHandler(FetchOptions options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (options.Proxy is { Length: > 0 } && !options.AllowPrivateNetworks && request.RequestUri is { } uri)
        {
            IPAddress[] addresses = IPAddress.TryParse(uri.Host.Trim('[', ']'), out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(uri.Host, cancellationToken);
            foreach (var address in addresses)
            {
                if (AddressGuard.Refusal(address) is { } why)
                {
                    throw new HttpRequestException($"refused to fetch {uri.Host} ({address}) through the proxy: {why} address");
                }
            }
        }
        return await base.SendAsync(request, cancellationToken);
    }
}
