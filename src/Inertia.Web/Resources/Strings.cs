namespace Inertia.Web;

/// <summary>The user-visible strings of the web app, in Resources/Strings.resx (English) and Strings.zh-Hans.resx (简体中文).</summary>
public sealed class Strings;
