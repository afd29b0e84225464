using Inertia.Reader.Chinese;

namespace Inertia.Web.Chinese;

/// <summary>The process's <see cref="ChineseConversion"/>: OpenCC loaded as configured (or its absence said once in the log).</summary>
public static class ChineseServices
{
    public static IServiceCollection AddChineseConversion(this IServiceCollection services) =>
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<ChineseOptions>();
            var converter = OpenCc.Shared(options.OpenCcLibrary, options.OpenCcData, out var why);
            if (converter is null)
            {
                provider.GetRequiredService<ILoggerFactory>().CreateLogger("Inertia.Chinese")
                    .LogInformation("Simplified/Traditional conversion is off: {Reason}", why);
            }
            else
            {
                // search finds across scripts with the same converter (a missing one never turns it off for the process)
                SearchForms.Use(converter);
            }
            return new ChineseConversion(converter, why);
        });
}
