using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Inertia.Reader.Fetching;

/// <summary>Registers the feed HttpClient: guarded connects, decompression, no automatic redirects, retries with backoff and jitter.</summary>
public static class FetchingServices
{
    public const string ClientName = "feeds";

    public static IServiceCollection AddFeedFetching(this IServiceCollection services, FetchOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<FeedFetcher>();
        services.AddHttpClient(ClientName, c =>
            {
                c.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline and FeedFetcher own the timeouts
                c.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false, // FeedFetcher follows redirects itself, to tell permanent moves from temporary ones
                AutomaticDecompression = DecompressionMethods.All,
                ConnectTimeout = options.ConnectTimeout,
                ConnectCallback = new GuardedConnector(options).ConnectAsync,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                UseCookies = false,
            })
            .AddResilienceHandler("feed-retries", builder =>
            {
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
    public static FeedFetcher CreateFetcher(FetchOptions options) =>
        new ServiceCollection().AddFeedFetching(options).BuildServiceProvider().GetRequiredService<FeedFetcher>();

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
