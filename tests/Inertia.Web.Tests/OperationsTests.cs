using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Inertia.Reader.Storage;
using Inertia.Reader.Tests;

namespace Inertia.Web.Tests;

/// <summary>What an operator reads: /healthz, Prometheus /metrics and who may read it, and the language and theme switches.</summary>
[Collection(PostgresCollection.Name)]
public sealed class OperationsTests(PostgresServer postgres)
{
    [Fact]
    public async Task Healthz_reports_the_database_and_the_refresher_as_json()
    {
        await using var site = await SiteHost.StartAsync(DatabaseProvider.Postgres, postgres.CreateDatabase(), refresh: false);
        var response = await site.Client().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ok", health.RootElement.GetProperty("status").GetString());
        Assert.Equal("ok", health.RootElement.GetProperty("database").GetString());
        // background refresh is off in these tests, and says so
        Assert.Equal("disabled", health.RootElement.GetProperty("refresher").GetString());
    }

    [Fact]
    public async Task Healthz_answers_503_when_the_database_is_unreachable()
    {
        var database = postgres.CreateDatabase();
        await using var site = await SiteHost.StartAsync(DatabaseProvider.Postgres, database, refresh: false);
        // the database goes away under the running server
        await using (var admin = new Npgsql.NpgsqlConnection(postgres.AdminConnectionString))
        {
            await admin.OpenAsync();
            var name = new Npgsql.NpgsqlConnectionStringBuilder(database).Database;
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        var response = await site.Client().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("failing", health.RootElement.GetProperty("status").GetString());
        Assert.StartsWith("unreachable: ", health.RootElement.GetProperty("database").GetString());
    }

    [Fact]
    public async Task Metrics_count_fetches_by_outcome_ingested_entries_and_request_durations()
    {
        await using var site = await SiteHost.StartAsync();
        var client = site.Client();
        await client.GetStringAsync("/healthz");
        var metrics = await client.GetStringAsync("/metrics");
        Assert.Contains("inertia_fetches_total{", metrics);
        Assert.Contains("outcome=\"fetched\"", metrics);
        Assert.Contains("outcome=\"failed\"", metrics);
        Assert.Contains("inertia_fetch_duration_seconds_bucket{", metrics);
        Assert.Contains("inertia_entries_ingested_total", metrics);
        Assert.Contains("inertia_refresh_queue_lag_seconds", metrics);
        Assert.Contains("http_server_request_duration_seconds_bucket{", metrics);
        // millisecond buckets under 50 ms, where ASP.NET Core's own jump from 10 to 25 ms
        Assert.Matches("http_server_request_duration_seconds_bucket\\{[^}]*http_route=\"/healthz\"[^}]*le=\"0.0125\"\\}", metrics);
    }

    [Fact]
    public async Task Metrics_ask_for_the_configured_token_and_can_be_turned_off()
    {
        await using (var site = await SiteHost.StartAsync(settings: new Dictionary<string, string?> { ["Metrics:Token"] = "metrics-secret" }, refresh: false))
        {
            var client = site.Client();
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/metrics")).StatusCode);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong");
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/metrics")).StatusCode);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "metrics-secret");
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/metrics")).StatusCode);
        }
        await using (var off = await SiteHost.StartAsync(settings: new Dictionary<string, string?> { ["Metrics:Enabled"] = "false" }, refresh: false))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await off.Client().GetAsync("/metrics")).StatusCode);
        }
    }

    [Fact]
    public async Task Metrics_without_a_token_are_for_this_machine_only()
    {
        // through a trusted proxy, the client is the forwarded address: not this machine
        await using var site = await SiteHost.StartAsync(settings: new Dictionary<string, string?> { ["Server:TrustedProxies"] = "127.0.0.1" }, refresh: false);
        var client = site.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/metrics")).StatusCode);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.7");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task Language_and_theme_switches_remember_the_choice_and_drop_the_parameter()
    {
        await using var site = await SiteHost.StartAsync(refresh: false);
        await site.CreateUserAsync("admin", "admin-password-1", admin: true);
        var client = site.Client("zh-CN");
        var switched = await client.GetAsync("/?lang=en&theme=dark&before=123-4");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/?before=123-4", switched.Headers.Location!.OriginalString);
        var html = await client.GetStringAsync("/");
        Assert.Contains("<html lang=\"en\" data-theme=\"dark\">", html);
        Assert.Contains("Recommended feeds", html);
        await client.GetAsync("/?lang=zh-Hans&theme=system");
        html = await client.GetStringAsync("/");
        Assert.Contains("<html lang=\"zh-Hans\">", html);
        Assert.Contains("推荐订阅源", html);
    }

    [Fact]
    public async Task Public_site_turned_off_leads_to_sign_in_and_shows_nothing()
    {
        await using var site = await SiteHost.StartAsync(settings: new Dictionary<string, string?> { ["Public:Enabled"] = "false" });
        await site.CreateUserAsync("admin", "admin-password-1", admin: true);
        var client = site.Client();
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/signin", home.Headers.Location!.OriginalString);
        var feed = await site.FeedIdAsync("DEV Community");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/feeds/{feed}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/atom.xml")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/sitemap.xml")).StatusCode);
        Assert.Contains("Disallow: /\n", await client.GetStringAsync("/robots.txt"));
    }
}
