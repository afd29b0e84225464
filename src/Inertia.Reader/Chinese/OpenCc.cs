using System.Runtime.InteropServices;
using System.Text;

namespace Inertia.Reader.Chinese;

/// <summary>
/// OpenCC, the standard Simplified/Traditional converter (Debian's <c>libopencc1.1</c>), through its C API. Optional: when the
/// library or a configuration is missing, <see cref="TryLoad"/> answers null and conversion is simply not offered.
/// </summary>
public sealed class OpenCc : IDisposable
{
    /// <summary>Library names tried when none is configured: Debian ships only the versioned one without its -dev package.</summary>
    public static readonly IReadOnlyList<string> DefaultLibraries = ["libopencc.so.1.1", "libopencc.so.1", "libopencc.so", "libopencc.dylib", "opencc"];

    /// <summary>Where Debian puts the configurations and dictionaries.</summary>
    public const string DefaultDataFolder = "/usr/share/opencc";

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr OpenFn([MarshalAs(UnmanagedType.LPUTF8Str)] string config);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr ConvertFn(IntPtr converter, byte[] input, UIntPtr length);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void FreeFn(IntPtr text);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int CloseFn(IntPtr converter);

    private readonly IntPtr _library;
    private readonly ConvertFn _convert;
    private readonly FreeFn _free;
    private readonly CloseFn _close;
    private readonly Dictionary<string, IntPtr> _converters;
    // OpenCC's converters read shared dictionaries; one call at a time keeps it safe whatever the build, and conversions are cached
    private readonly Lock _gate = new();
    private bool _disposed;

    private OpenCc(IntPtr library, ConvertFn convert, FreeFn free, CloseFn close, Dictionary<string, IntPtr> converters)
    {
        _library = library;
        _convert = convert;
        _free = free;
        _close = close;
        _converters = converters;
    }

    private static readonly Dictionary<(string, string), (OpenCc?, string)> s_shared = [];
    private static readonly Lock s_sharedGate = new();

    /// <summary>
    /// One converter per library and data folder for the whole process, never closed (the host, search and the tests share
    /// it; the dictionaries are loaded once): <see cref="TryLoad"/> on first use, its answer kept.
    /// </summary>
    public static OpenCc? Shared(string? library, string? dataFolder, out string why)
    {
        var key = (library ?? "", dataFolder ?? "");
        lock (s_sharedGate)
        {
            if (!s_shared.TryGetValue(key, out var loaded))
            {
                var converter = TryLoad(library, dataFolder, out var reason);
                s_shared[key] = loaded = (converter, reason);
            }
            why = loaded.Item2;
            return loaded.Item1;
        }
    }

    /// <summary>
    /// Loads the library (<paramref name="library"/>, else the usual names) and opens a converter for every variant;
    /// null, with the reason in <paramref name="why"/>, when the library, one of its functions or a configuration is missing.
    /// </summary>
    public static OpenCc? TryLoad(string? library, string? dataFolder, out string why)
    {
        var handle = IntPtr.Zero;
        foreach (var name in library is { Length: > 0 } ? [library] : DefaultLibraries)
        {
            if (NativeLibrary.TryLoad(name, out handle))
            {
                break;
            }
        }
        if (handle == IntPtr.Zero)
        {
            why = $"OpenCC not found ({(library is { Length: > 0 } ? library : string.Join(", ", DefaultLibraries))}); install libopencc1.1";
            return null;
        }
        if (!TryExport<OpenFn>(handle, "opencc_open", out var open) || !TryExport<ConvertFn>(handle, "opencc_convert_utf8", out var convert)
            || !TryExport<FreeFn>(handle, "opencc_convert_utf8_free", out var free) || !TryExport<CloseFn>(handle, "opencc_close", out var close))
        {
            NativeLibrary.Free(handle);
            why = "the OpenCC library found lacks its C API (opencc_open, opencc_convert_utf8, opencc_convert_utf8_free, opencc_close)";
            return null;
        }
        var converters = new Dictionary<string, IntPtr>();
        foreach (var config in ChineseVariants.Converting.Select(ChineseVariants.Config).Append(SearchFoldConfig).Distinct())
        {
            var path = Path.Combine(dataFolder is { Length: > 0 } ? dataFolder : DefaultDataFolder, config);
            // opencc_open answers (opencc_t)-1 when it cannot read the configuration or a dictionary it names
            var converter = File.Exists(path) ? open(path) : new IntPtr(-1);
            if (converter == new IntPtr(-1) || converter == IntPtr.Zero)
            {
                foreach (var opened in converters.Values)
                {
                    close(opened);
                }
                NativeLibrary.Free(handle);
                why = $"OpenCC could not open {path}; install the opencc data (libopencc-data)";
                return null;
            }
            converters[config] = converter;
        }
        why = "";
        return new OpenCc(handle, convert, free, close, converters);
    }

    /// <summary>The text written in <paramref name="variant"/>; the original form returns it unchanged.</summary>
    public string Convert(string text, ChineseVariant variant) =>
        variant == ChineseVariant.Original ? text : Run(text, ChineseVariants.Config(variant));

    /// <summary>
    /// The forms search compares, besides the text itself: character by character Simplified (資訊 → 资讯) and Simplified
    /// with Taiwan phrases undone (軟體 → 软件). A query and a text meet when any of their forms do.
    /// </summary>
    public (string Characters, string Phrases) SearchForms(string text) =>
        (Run(text, SearchFoldConfig), Run(text, ChineseVariants.Config(ChineseVariant.Simplified)));

    private const string SearchFoldConfig = "t2s.json";

    private string Run(string text, string config)
    {
        // a NUL would end the C string early and lose the rest
        if (text.Length == 0 || text.Contains('\0', StringComparison.Ordinal))
        {
            return text;
        }
        var input = Encoding.UTF8.GetBytes(text);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var output = _convert(_converters[config], input, (UIntPtr)input.Length);
            if (output == IntPtr.Zero)
            {
                // OpenCC refused the text (it should not for valid UTF-8): show it as written rather than fail a page
                return text;
            }
            try
            {
                return Marshal.PtrToStringUTF8(output) ?? text;
            }
            finally
            {
                _free(output);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            foreach (var converter in _converters.Values)
            {
                _close(converter);
            }
            NativeLibrary.Free(_library);
        }
    }

    private static bool TryExport<T>(IntPtr library, string name, out T function) where T : Delegate
    {
        if (NativeLibrary.TryGetExport(library, name, out var address))
        {
            function = Marshal.GetDelegateForFunctionPointer<T>(address);
            return true;
        }
        function = null!;
        return false;
    }
}
