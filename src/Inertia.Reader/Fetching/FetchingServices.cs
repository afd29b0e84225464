using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Inertia.Reader.Fetching;

/// <summary>Registers the feed HttpClient: guarded connects, decompression, no automatic redirects, retries with backoff and jitter.</summary>
public static class FetchingServices
{
    public const string ClientName = "feeds";

    /// <summary>The feed client, with the options given (tests, and tools outside a host).</summary>
    public static IServiceCollection AddFeedFetching(this IServiceCollection services, FetchOptions options, X509Certificate2? alsoTrust = null)
    {
        services.AddSingleton(options);
        return services.AddFeedFetching(alsoTrust);
    }

    /// <summary>
    /// The feed client, with the <see cref="FetchOptions"/> registered in the container; <paramref name="alsoTrust"/>: a
    /// certificate accepted besides those the system trusts (tests serving https on loopback).
    /// </summary>
    public static IServiceCollection AddFeedFetching(this IServiceCollection services, X509Certificate2? alsoTrust = null)
    {
        services.AddSingleton<FeedFetcher>();
        services.AddHttpClient(ClientName, (sp, c) =>
            {
                c.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline and FeedFetcher own the timeouts
                c.DefaultRequestHeaders.UserAgent.ParseAdd(sp.GetRequiredService<FetchOptions>().UserAgent);
            })
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var options = sp.GetRequiredService<FetchOptions>();
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false, // FeedFetcher follows redirects itself, to tell permanent moves from temporary ones
                    AutomaticDecompression = DecompressionMethods.All,
                    ConnectTimeout = options.ConnectTimeout,
                    ConnectCallback = new GuardedConnector(options).ConnectAsync,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    UseCookies = false,
                    // HTTP_PROXY and friends are ignored: a proxy is used only when configured, and then targets are judged
                    UseProxy = options.Proxy is { Length: > 0 },
                    Proxy = options.Proxy is { Length: > 0 } proxy ? new WebProxy(proxy) : null,
                    SslOptions = alsoTrust is null ? new() : new()
                    {
                        RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                            errors == System.Net.Security.SslPolicyErrors.None || certificate?.GetCertHashString() == alsoTrust.GetCertHashString(),
                    },
                };
            })
            .AddHttpMessageHandler(sp => new TargetGuardHandler(sp.GetRequiredService<FetchOptions>()))
            .AddResilienceHandler("feed-retries", (builder, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<FetchOptions>();
                if (options.RetryAttempts > 0)
                {
                    builder.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.RetryAttempts,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = options.RetryBaseDelay,
                        MaxDelay = options.MaxRetryDelay,
                        // honours Retry-After on 429 and 503; transient failures only (connect errors, timeouts, 5xx, 408, 429)
                        ShouldRetryAfterHeader = true,
                        // a refusal by the address guard is final, not transient
                        ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, options)),
                    });
                }
                builder.AddTimeout(options.AttemptTimeout);
            });
        return services;
    }

    /// <summary>A fetcher outside a host (command-line tools, tests): the same registration, in a provider of its own.</summary>
    public static FeedFetcher CreateFetcher(FetchOptions options, X509Certificate2? alsoTrust = null) =>
        new ServiceCollection().AddFeedFetching(options, alsoTrust).BuildServiceProvider().GetRequiredService<FeedFetcher>();

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, FetchOptions options)
    {
        // a refusal by the address guard is final, not transient
        if (outcome.Exception is HttpRequestException { Message: var m } && m.StartsWith("refused", StringComparison.Ordinal))
        {
            return false;
        }
        // a server that asks for more patience than one fetch has gets it from the scheduler, not from a retry now
        if (outcome.Result is { } response && FeedFetcher.RetryAfterOf(response) is { } wait && wait > options.MaxRetryDelay)
        {
            return false;
        }
        return HttpClientResiliencePredicates.IsTransient(outcome);
    }
}
