using System.Buffers;
using System.Security.Cryptography;
using Inertia.Reader.Storage;

namespace Inertia.Web.Media;

/// <summary>
/// Decides which media addresses a page or an API reply sends through the proxy, and signs them: every one where the
/// reader or the API password asks for privacy, else those of hosts that refuse hotlinking (a rule exists) and those of a
/// subscription with its own rule. The administrator's rules are read at most every 30 s.
/// </summary>
public sealed class MediaProxy(Database database, MediaProxyOptions options, TimeProvider time)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private MediaSignature? _signature;
    private (IReadOnlyList<MediaRule> Rules, SearchValues<string> Hosts, long At)? _rules;

    public MediaProxyOptions Options => options;

    /// <summary>The signer, with the server's key (made and stored on first use: every process of the server shares it).</summary>
    public async Task<MediaSignature> SignatureAsync(CancellationToken cancellationToken = default)
    {
        if (_signature is { } known)
        {
            return known;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_signature is null)
            {
                await using var connection = await database.OpenAsync(cancellationToken);
                var key = await MediaRuleStore.SecretAsync(connection, "media-proxy", () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
                _signature = new MediaSignature(Convert.FromBase64String(key));
            }
            return _signature;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The administrator's rules, at most 30 s old (a change made here is seen at once: <see cref="Forget"/>).</summary>
    public async Task<IReadOnlyList<MediaRule>> AdministratorRulesAsync(CancellationToken cancellationToken = default) =>
        (await RulesAsync(cancellationToken)).Rules;

    private async Task<(IReadOnlyList<MediaRule> Rules, SearchValues<string> Hosts, long At)> RulesAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (_rules is { } cached && now - cached.At < 30)
        {
            return cached;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var rules = await MediaRuleStore.ListAsync(connection);
        var hosts = SearchValues.Create([.. rules.Concat(HotlinkRules.Defaults).Select(r => r.Host).Distinct(StringComparer.OrdinalIgnoreCase)], StringComparison.OrdinalIgnoreCase);
        var fresh = (rules, hosts, now);
        _rules = fresh;
        return fresh;
    }

    /// <summary>Drops the cached rules (after the administrator changed them).</summary>
    public void Forget() => _rules = null;

    /// <summary>
    /// What a page or reply does with each media address: the proxy address (absolute when <paramref name="origin"/> is
    /// given, for apps) or null to leave it. <paramref name="all"/>: every address; <paramref name="ruled"/>: feed id →
    /// the subscription with its own rule for it.
    /// </summary>
    public async Task<MediaPolicy> PolicyAsync(bool all, IReadOnlyDictionary<long, long>? ruled = null, string? origin = null, CancellationToken cancellationToken = default)
    {
        Func<long, long?>? subscriptionOf = ruled is { Count: > 0 } r ? feedId => r.TryGetValue(feedId, out var id) ? id : null : null;
        if (!options.Enabled)
        {
            return MediaPolicy.None;
        }
        var (rules, hosts, _) = await RulesAsync(cancellationToken);
        return new MediaPolicy(await SignatureAsync(cancellationToken), rules, hosts, all, subscriptionOf, origin?.TrimEnd('/') ?? "");
    }
}

/// <summary>One page's or reply's choice of which media addresses go through the proxy (see <see cref="MediaProxy.PolicyAsync"/>).</summary>
public sealed class MediaPolicy
{
    private readonly MediaSignature? _signature;
    private readonly IReadOnlyList<MediaRule> _rules;
    private readonly SearchValues<string> _hosts;
    private readonly bool _all;
    private readonly Func<long, long?>? _subscriptionOf;
    private readonly string _origin;

    /// <summary>The proxy off: every address stays.</summary>
    public static MediaPolicy None { get; } = new(null, [], SearchValues.Create([], StringComparison.OrdinalIgnoreCase), false, null, "");

    internal MediaPolicy(MediaSignature? signature, IReadOnlyList<MediaRule> rules, SearchValues<string> hosts, bool all, Func<long, long?>? subscriptionOf, string origin)
    {
        _signature = signature;
        _rules = rules;
        _hosts = hosts;
        _all = all;
        _subscriptionOf = subscriptionOf;
        _origin = origin;
    }

    /// <summary>The address to use for a media address of a feed's entry, or null to keep it.</summary>
    public string? For(string url, long feedId)
    {
        if (_signature is null || !Uri.TryCreate(url, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https"))
        {
            return null;
        }
        var subscription = _subscriptionOf?.Invoke(feedId);
        if (!_all && subscription is null && !HotlinkRules.Known(u.Host, _rules))
        {
            return null;
        }
        return _origin + _signature.PathFor(url, subscription);
    }

    /// <summary>Sanitized HTML of a feed's entry with its media addresses chosen.</summary>
    public string? Html(string? html, long feedId)
    {
        if (html is null || _signature is null)
        {
            return html;
        }
        return MayProxy(html, feedId) ? MediaLinks.Rewrite(html, url => For(url, feedId)) : html;
    }

    /// <summary>
    /// Whether anything in this text of a feed's entry could be proxied: most name no host with a rule, and one scan for
    /// all those hosts at once spares parsing them (a scan per host was a third of the CPU of Miniflux's entries).
    /// </summary>
    public bool MayProxy(string text, long feedId) =>
        _signature is not null && (_all || _subscriptionOf?.Invoke(feedId) is not null || text.AsSpan().ContainsAny(_hosts));
}
