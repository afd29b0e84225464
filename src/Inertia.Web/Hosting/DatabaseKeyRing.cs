using System.Xml.Linq;
using Inertia.Reader.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Inertia.Web.Hosting;

/// <summary>
/// Data-protection keys (what signs the session and antiforgery cookies) kept in the database: a restart keeps everyone
/// signed in, and several instances on one PostgreSQL accept each other's cookies.
/// </summary>
public sealed class DatabaseKeyRing(IServiceProvider services) : IXmlRepository
{
    // resolved on first use: the key manager is built with the app, before its settings are validated
    private Database Database => field ??= services.GetRequiredService<Database>();

    public IReadOnlyCollection<XElement> GetAllElements() => [.. KeyRingStore.All(Database).Select(x => XElement.Parse(x))];

    public void StoreElement(XElement element, string friendlyName) =>
        KeyRingStore.Add(Database, friendlyName, element.ToString(SaveOptions.DisableFormatting));
}

/// <summary>Data protection with its keys in the database.</summary>
public static class KeyRingServices
{
    public static IServiceCollection AddDatabaseKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("Inertia");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DatabaseKeyRing(sp)));
        return services;
    }
}
