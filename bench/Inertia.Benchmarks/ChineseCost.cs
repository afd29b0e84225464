using System.Diagnostics;
using System.Text;
using Inertia.Reader.Chinese;

namespace Inertia.Benchmarks;

/// <summary>
/// What Simplified/Traditional costs: converting an article's HTML (text between tags) to Taiwan form with OpenCC, the
/// same served again from the cache, and the search forms ingest adds to a Traditional entry. Median of 5 runs each.
/// </summary>
public static class ChineseCost
{
    public static void Run()
    {
        var cc = OpenCc.Shared(null, null, out var why) ?? throw new InvalidOperationException(why);
        var once = Stopwatch.StartNew();
        cc.MayFold("资");
        Console.WriteLine($"the table of characters folding changes, made once: {once.Elapsed.TotalMilliseconds:F0} ms");
        var article = Article(3000);
        var plain = Inertia.Feeds.Text.PlainText.FromHtml(article);
        var traditional = cc.Convert(plain, ChineseVariant.Taiwan);
        Console.WriteLine($"article: {article.Length:N0} characters of HTML, {plain.Length:N0} of text");

        // cold: every call converts (distinct texts, so nothing is cached)
        var cold = Median(() =>
        {
            const int n = 200;
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < n; i++)
            {
                ChineseText.ConvertHtml(article + i, t => cc.Convert(t, ChineseVariant.Taiwan));
            }
            return sw.Elapsed.TotalMicroseconds / n;
        });
        Console.WriteLine($"convert one article to tw (OpenCC, cold): {cold:F0} µs ({article.Length * 2 / cold:F1} MB/s of UTF-16)");

        using var conversion = new ChineseConversion(cc);
        conversion.Html(article, ChineseVariant.Taiwan);
        var warm = Median(() =>
        {
            const int n = 20_000;
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < n; i++)
            {
                conversion.Html(article, ChineseVariant.Taiwan);
            }
            return sw.Elapsed.TotalMicroseconds / n;
        });
        Console.WriteLine($"the same from the cache: {warm:F2} µs");

        var forms = Median(() =>
        {
            const int n = 200;
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < n; i++)
            {
                SearchForms.Of(traditional + i, cc);
            }
            return sw.Elapsed.TotalMicroseconds / n;
        });
        var simplified = Median(() =>
        {
            const int n = 20_000;
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < n; i++)
            {
                SearchForms.Of(plain, cc);
            }
            return sw.Elapsed.TotalMicroseconds / n;
        });
        var english = Median(() =>
        {
            const int n = 20_000;
            var text = new string('a', plain.Length);
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < n; i++)
            {
                SearchForms.Of(text, cc);
            }
            return sw.Elapsed.TotalMicroseconds / n;
        });
        Console.WriteLine($"search forms at ingest: a Traditional entry {forms:F0} µs; a Simplified one {simplified:F2} µs; a text with no Han {english:F2} µs");
    }

    private static double Median(Func<double> run)
    {
        run();
        var runs = Enumerable.Range(0, 5).Select(_ => run()).Order().ToList();
        return runs[2];
    }

    // an IT之家-like article: paragraphs of Simplified text with links, emphasis and an image
    private static string Article(int characters)
    {
        const string sentence = "国产开源数据库发布新版本，查询性能提升百分之四十，开发者可以在软件仓库下载。本文从一个实际问题出发，介绍基本概念、常见做法和需要注意的地方。";
        var sb = new StringBuilder();
        while (sb.Length < characters)
        {
            sb.Append("<p>").Append(sentence).Append("<a href=\"https://www.ithome.com/0/123/456.htm\">阅读更多</a>，<strong>博客</strong>和新闻。</p>");
            if (sb.Length % 5 == 0)
            {
                sb.Append("<img src=\"https://img.ithome.com/newsuploadfiles/2026/6/a.jpg\" alt=\"软件截图\">");
            }
        }
        return sb.ToString();
    }
}
