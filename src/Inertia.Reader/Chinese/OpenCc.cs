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

    private readonly string _folder;
    private readonly OpenFn _open;

    private OpenCc(IntPtr library, ConvertFn convert, FreeFn free, CloseFn close, Dictionary<string, IntPtr> converters, string folder, OpenFn open)
    {
        _folder = folder;
        _open = open;
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
    /// Loads the library (<paramref name="library"/>, else the usual names) and checks every variant's configuration is
    /// there; null, with the reason in <paramref name="why"/>, when the library, one of its functions or a configuration is
    /// missing.
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
        var folder = dataFolder is { Length: > 0 } ? dataFolder : DefaultDataFolder;
        foreach (var config in ChineseVariants.Converting.Select(ChineseVariants.Config))
        {
            if (!File.Exists(Path.Combine(folder, config)))
            {
                NativeLibrary.Free(handle);
                why = $"OpenCC could not open {Path.Combine(folder, config)}; install the opencc data (libopencc-data)";
                return null;
            }
        }
        // one converter opened now proves the data loads; the others are opened when first asked for (each holds its
        // dictionaries, about 4 MB: a server whose readers never ask for Hong Kong forms never loads them)
        var cc = new OpenCc(handle, convert, free, close, [], folder, open);
        if (cc.Converter(SearchFoldConfig) == IntPtr.Zero)
        {
            cc.Dispose();
            why = $"OpenCC could not open {Path.Combine(folder, SearchFoldConfig)}; install the opencc data (libopencc-data)";
            return null;
        }
        why = "";
        return cc;
    }

    // the converter of a configuration, opened on first use; Zero when OpenCC cannot open it (the caller's lock is held)
    private IntPtr Converter(string config)
    {
        if (_converters.TryGetValue(config, out var opened))
        {
            return opened;
        }
        // opencc_open answers (opencc_t)-1 when it cannot read the configuration or a dictionary it names
        var converter = _open(Path.Combine(_folder, config));
        converter = converter == new IntPtr(-1) ? IntPtr.Zero : converter;
        _converters[config] = converter;
        return converter;
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

    private bool[]? _foldable;

    /// <summary>
    /// Whether folding to Simplified could change the text: it holds a Han character that t2s or tw2sp changes on its own
    /// (or one outside the basic plane). Most Chinese feeds are written in Simplified, and a scan is a thousand times
    /// cheaper than the two conversions it spares.
    /// </summary>
    public bool MayFold(ReadOnlySpan<char> text)
    {
        var foldable = _foldable ??= FoldableCharacters();
        foreach (var c in text)
        {
            if (c >= HanStart && (char.IsSurrogate(c) || foldable[c - HanStart]))
            {
                return true;
            }
        }
        return false;
    }

    private const char HanStart = '\u3400';

    // every basic-plane character from Han extension A on, each converted alone (a line apiece: no phrase spans two)
    private bool[] FoldableCharacters()
    {
        var chars = Enumerable.Range(HanStart, 0xFFFF - HanStart + 1).Select(i => (char)i).Where(c => !char.IsSurrogate(c) && c != '\n' && ChineseText.HasHan([c])).ToList();
        var lines = string.Join('\n', chars);
        var foldable = new bool[0xFFFF - HanStart + 1];
        foreach (var config in new[] { SearchFoldConfig, ChineseVariants.Config(ChineseVariant.Simplified) })
        {
            var converted = Run(lines, config).Split('\n');
            if (converted.Length != chars.Count)
            {
                // the lines did not survive: every Han character may fold
                Array.Fill(foldable, true);
                return foldable;
            }
            for (var i = 0; i < chars.Count; i++)
            {
                if (converted[i].Length != 1 || converted[i][0] != chars[i])
                {
                    foldable[chars[i] - HanStart] = true;
                }
            }
        }
        return foldable;
    }

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
            var converter = Converter(config);
            if (converter == IntPtr.Zero)
            {
                // a configuration OpenCC could not open: the text as written, never a failed page
                return text;
            }
            var output = _convert(converter, input, (UIntPtr)input.Length);
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
            foreach (var converter in _converters.Values.Where(c => c != IntPtr.Zero))
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
