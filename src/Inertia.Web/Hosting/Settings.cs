using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;
using Inertia.Reader.Fetching;
using Inertia.Reader.Refresh;
using Inertia.Reader.Storage;
using Inertia.Web.Accounts;
using Inertia.Web.Public;
using Microsoft.Extensions.Options;

namespace Inertia.Web.Hosting;

/// <summary>
/// Every setting, the ASP.NET Core way: one configuration — appsettings.json beside the program, then appsettings.json in
/// the working directory, then `INERTIA__Section__Key` environment variables, then `--Section:Key=value` on the command
/// line — bound to one options class per section, validated at start with a one-line message naming the setting. The
/// server and every command read them the same way; docs/configuration.md lists exactly these (a test checks).
/// </summary>
public static partial class Settings
{
    public const string EnvironmentPrefix = "INERTIA__";

    /// <summary>The sections and the options class each is bound to.</summary>
    public static IReadOnlyList<(string Section, Type Type)> Sections { get; } =
    [
        ("Database", typeof(DatabaseOptions)),
        ("Fetching", typeof(FetchOptions)),
        ("Refresh", typeof(RefreshOptions)),
        ("Retention", typeof(RetentionOptions)),
        ("Maintenance", typeof(MaintenanceOptions)),
        ("Server", typeof(ServerOptions)),
        ("Public", typeof(PublicOptions)),
        ("Catalog", typeof(CatalogOptions)),
        ("Admin", typeof(AdminOptions)),
        ("Accounts", typeof(AccountOptions)),
        ("Metrics", typeof(MetricsOptions)),
        ("Chinese", typeof(Chinese.ChineseOptions)),
        ("MediaProxy", typeof(Media.MediaProxyOptions)),
    ];

    /// <summary>The first command-line token that is not a setting (`--Section:Key=value` or `--Section:Key value`), or null.</summary>
    public static string? FirstUnknown(IReadOnlyList<string> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || !token.Contains(':'))
            {
                return token;
            }
            if (!token.Contains('='))
            {
                i++; // its value follows
            }
        }
        return null;
    }

    /// <summary>The configuration, from its sources in order (later ones win).</summary>
    public static IConfigurationRoot Build(IEnumerable<string> commandLine)
    {
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables(EnvironmentPrefix);
        // the settings of ASP.NET Core itself (ASPNETCORE_URLS, Logging__…) are read as ASP.NET Core reads them
        builder.AddEnvironmentVariables("ASPNETCORE_");
        builder.AddCommandLine([.. commandLine]);
        return builder.Build();
    }

    /// <summary>Registers every section's options, bound and validated (at start, and again on each read until it passes).</summary>
    public static IServiceCollection AddSettings(this IServiceCollection services, IConfiguration configuration)
    {
        foreach (var (section, type) in Sections)
        {
            typeof(Settings).GetMethod(nameof(AddSection), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(type).Invoke(null, [services, configuration, section]);
        }
        return services;
    }

    private static void AddSection<T>(IServiceCollection services, IConfiguration configuration, string section)
        where T : class
    {
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new SectionValidator<T>(section));
        // the engine takes its options as plain objects
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);
    }

    /// <summary>Reads every section now, throwing <see cref="SettingsException"/> with the first problem in one line.</summary>
    public static void ValidateAll(IServiceProvider services)
    {
        foreach (var (_, type) in Sections)
        {
            try
            {
                services.GetRequiredService(type);
            }
            catch (Exception ex) when (Explain(ex) is SettingsException problem)
            {
                throw problem;
            }
        }
    }

    /// <summary>A settings problem in one line naming the environment variable, or the exception itself when it is not one.</summary>
    public static Exception Explain(Exception exception) => exception switch
    {
        SettingsException => exception,
        OptionsValidationException v => new SettingsException(v.Failures.FirstOrDefault() ?? v.Message),
        InvalidOperationException { Message: var m } when ConversionFailure().Match(m) is { Success: true } match =>
            new SettingsException($"{VariableOf(match.Groups["path"].Value)}: '{match.Groups["value"].Value}' is not a valid {Friendly(match.Groups["type"].Value)}"),
        _ => exception,
    };

    /// <summary>The environment variable that sets a configuration path ("Refresh:Concurrency" → INERTIA__Refresh__Concurrency).</summary>
    public static string VariableOf(string path) => EnvironmentPrefix + path.Replace(":", "__", StringComparison.Ordinal);

    private static string Friendly(string type) => type switch
    {
        "System.Int32" or "System.Int64" => "whole number",
        "System.Boolean" => "boolean (true or false)",
        "System.TimeSpan" => "time span (hh:mm:ss)",
        _ when type.EndsWith(nameof(DatabaseProvider), StringComparison.Ordinal) => "choice (sqlite or postgres)",
        _ => type,
    };

    [GeneratedRegex("Failed to convert configuration value '(?<value>.*)' at '(?<path>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex ConversionFailure();

    /// <summary>Data annotations and <see cref="IValidatableObject"/> of one section, each failure naming its variable.</summary>
    private sealed class SectionValidator<T>(string section) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var results = new List<ValidationResult>();
            if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
            {
                return ValidateOptionsResult.Success;
            }
            return ValidateOptionsResult.Fail(results.Select(r =>
            {
                var member = r.MemberNames.FirstOrDefault() ?? "";
                var value = typeof(T).GetProperty(member)?.GetValue(options);
                var message = r.ErrorMessage ?? "is not valid";
                // "The field X must be between 1 and 256." → "must be between 1 and 256"
                message = FieldMessage().Replace(message, "").TrimEnd('.');
                return $"{VariableOf(section + ":" + member)} {message}{(value is null ? "" : string.Create(CultureInfo.InvariantCulture, $" (it is {value})"))}";
            }));
        }
    }

    [GeneratedRegex("^The field \\w+ ")]
    private static partial Regex FieldMessage();
}

/// <summary>A setting that cannot be used, said in one line.</summary>
public sealed class SettingsException(string message) : Exception(message);
