using System.Text.RegularExpressions;

namespace Inertia.Feeds.Dates;

/// <summary>Chinese, Japanese and Korean date forms: 2026年6月13日 10:00, 2026年6月13日 星期六 下午3点05分.</summary>
internal static partial class Cjk
{
    [GeneratedRegex(@"^(\d{4})\s*[年년/\-.]\s*(\d{1,2})\s*[月월/\-.]\s*(\d{1,2})\s*[日일号]?\s*(?:[(（]?(?:星期|周|週|礼拜)?[一二三四五六七日天月火水木金土]?(?:曜日|曜)?[)）]?)?\s*(上午|下午|午前|午後|晚上|凌晨|中午)?\s*(?:(\d{1,2})\s*[:：时時点點시]\s*(\d{1,2})?\s*[分분]?\s*(?:[:：]?\s*(\d{1,2})\s*[秒초]?)?)?\s*(.*)$")]
    private static partial Regex Pattern();

    public static DateTimeOffset? TryParse(ReadOnlySpan<char> s)
    {
        var m = Pattern().Match(s.ToString());
        if (!m.Success)
        {
            return null;
        }
        int G(int k) => m.Groups[k].Success && m.Groups[k].Length > 0 ? int.Parse(m.Groups[k].ValueSpan, provider: null) : 0;
        var hour = G(5);
        var half = m.Groups[4].Value;
        if (half is "下午" or "午後" or "晚上" && hour < 12)
        {
            hour += 12;
        }
        // no zone written: these forms are local times of their publisher, but we cannot know where, so UTC as for all zoneless dates
        var zone = TimeZones.ParseOffset(m.Groups[8].ValueSpan);
        if (zone is null)
        {
            return null;
        }
        return FeedDate.Build(G(1), G(2), G(3), hour, G(6), G(7), 0, zone.Value);
    }
}
