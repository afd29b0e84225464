namespace Inertia.Web.Chinese;

/// <summary>Chinese conversion through OpenCC and RSSHub addresses (section `Chinese`).</summary>
public sealed class ChineseOptions
{
    /// <summary>The OpenCC library to load (none: `libopencc.so.1.1` and the usual names); a path that does not exist turns conversion off.</summary>
    public string? OpenCcLibrary { get; set; }

    /// <summary>The folder of OpenCC's configurations and dictionaries (none: `/usr/share/opencc`).</summary>
    public string? OpenCcData { get; set; }

    /// <summary>The RSSHub instance `rsshub://ROUTE` addresses expand against, unless a user names their own.</summary>
    [System.ComponentModel.DataAnnotations.Url]
    public string RssHub { get; set; } = "https://rsshub.app";
}
