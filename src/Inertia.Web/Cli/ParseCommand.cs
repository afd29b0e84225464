using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Inertia.Feeds.Html;
using Inertia.Feeds.Parsing;

namespace Inertia.Web.Cli;

/// <summary>`inertia parse FILE... [--url URL] [--content-type TYPE] [--raw]`: one JSON object per file (JSON Lines for several).</summary>
public static class ParseCommand
{
    public static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    public static readonly JsonWriterOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Arity = ArgumentArity.OneOrMore, Description = "Feed documents to parse" };
        var url = new Option<string?>("--url") { Description = "The URL the document came from; relative links resolve against it" };
        var contentType = new Option<string?>("--content-type") { Description = "The HTTP Content-Type it came with, e.g. \"application/rss+xml; charset=gbk\"" };
        var raw = new Option<bool>("--raw") { Description = "Skip sanitizing and URL resolution inside HTML (measures the parser alone)" };
        // an unknown option would otherwise be taken for a file name
        files.Validators.Add(r =>
        {
            foreach (var token in r.Tokens)
            {
                if (token.Value.StartsWith('-') && token.Value.Length > 1)
                {
                    r.AddError($"unknown option '{token.Value}'");
                }
            }
        });
        var command = new Command("parse", "Parse feed documents and print them as JSON") { files, url, contentType, raw };
        command.SetAction(result => Run(result.GetValue(files)!, result.GetValue(url), result.GetValue(contentType), result.GetValue(raw), Console.OpenStandardOutput()));
        return command;
    }

    public static int Run(string[] files, string? url, string? contentType, bool raw, Stream output)
    {
        var options = new FeedParseOptions { DocumentUrl = url, ContentType = contentType };
        var exit = 0;
        using var writer = new Utf8JsonWriter(output, files.Length == 1 ? Indented : Compact);
        foreach (var file in files)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                FeedJson.WriteError(writer, file, $"cannot read file: {ex.Message}");
                exit = 1;
                EndLine(writer, output);
                continue;
            }
            var result = FeedParser.Parse(bytes, options);
            if (result.Feed is null)
            {
                FeedJson.WriteError(writer, file, result.Error ?? "not a feed");
                exit = 1;
            }
            else
            {
                FeedJson.WriteFeed(writer, file, raw ? result.Feed : EntryHtml.Sanitize(result.Feed));
            }
            EndLine(writer, output);
        }
        return exit;
    }

    private static void EndLine(Utf8JsonWriter writer, Stream output)
    {
        writer.Flush();
        output.WriteByte((byte)'\n');
        output.Flush();
        writer.Reset();
    }
}
