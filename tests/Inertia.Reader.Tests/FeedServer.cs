using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inertia.Reader.Tests;

/// <summary>A real Kestrel server on 127.0.0.1 that serves whatever a test maps, and counts the requests per path.</summary>
public sealed class FeedServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FeedServer(WebApplication app, Uri root)
    {
        _app = app;
        Root = root;
    }

    public Uri Root { get; }
    public ConcurrentDictionary<string, int> Hits { get; } = new();

    public Uri Url(string path) => new(Root, path);

    /// <summary>A self-signed certificate for 127.0.0.1, for servers that must speak https (fetchers trust it by name).</summary>
    public static X509Certificate2 LoopbackCertificate { get; } = MakeLoopbackCertificate();

    private static X509Certificate2 MakeLoopbackCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        // through PKCS#12, so that the key is one the TLS stack can use
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    /// <param name="map">What the server serves.</param>
    /// <param name="https">Serve https with <see cref="LoopbackCertificate"/> instead of http.</param>
    public static async Task<FeedServer> StartAsync(Action<WebApplication> map, bool https = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (https)
            {
                listen.UseHttps(LoopbackCertificate);
            }
        }));
        var app = builder.Build();
        FeedServer? server = null;
        app.Use(async (context, next) =>
        {
            server!.Hits.AddOrUpdate(context.Request.Path.Value ?? "/", 1, (_, n) => n + 1);
            await next(context);
        });
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new FeedServer(app, new Uri(address + "/"));
        return server;
    }

    public int HitsOn(string path) => Hits.TryGetValue(path, out var n) ? n : 0;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
