using System.Buffers;
using System.Text.Unicode;

namespace Inertia.Feeds.Text;

/// <summary>
/// UTF-8 to text for the parser: invalid sequences become U+FFFD as a decoder would make them, and are noted on the
/// document's diagnostics, so that a document labelled UTF-8 is validated in the text that is read rather than in a pass
/// of its own over all of it.
/// </summary>
public static class Utf8Text
{
    /// <summary>Transcodes into <paramref name="output"/>, at least as long as the input; returns the characters written.</summary>
    public static int Transcode(ReadOnlySpan<byte> utf8, Span<char> output, ParseDiagnostics? diagnostics) =>
        CharacterReferences.DecodeUtf8(utf8, output, diagnostics, 0, references: false);

    /// <summary>The framework's decoder, for what the fast loops leave: four-byte characters and invalid sequences.</summary>
    internal static int TranscodeWithFramework(ReadOnlySpan<byte> utf8, Span<char> output, ParseDiagnostics? diagnostics)
    {
        if (Utf8.ToUtf16(utf8, output, out var read, out var written, replaceInvalidSequences: false) == OperationStatus.Done)
        {
            return written;
        }
        diagnostics?.NoteInvalidUtf8();
        Utf8.ToUtf16(utf8[read..], output[written..], out _, out var rest, replaceInvalidSequences: true);
        return written + rest;
    }

    public static string ToString(ReadOnlySpan<byte> utf8, ParseDiagnostics? diagnostics)
    {
        // ASCII (ids, links, dates, most titles) widens straight into the new string: no buffer, nothing to validate
        if (System.Text.Ascii.IsValid(utf8))
        {
            return System.Text.Encoding.Latin1.GetString(utf8);
        }
        if (utf8.Length <= 256)
        {
            // sized to the text: the runtime clears what is allocated on the stack
            Span<char> small = stackalloc char[utf8.Length];
            return new string(small[..Transcode(utf8, small, diagnostics)]);
        }
        var buffer = ArrayPool<char>.Shared.Rent(utf8.Length);
        var result = new string(buffer, 0, Transcode(utf8, buffer, diagnostics));
        ArrayPool<char>.Shared.Return(buffer);
        return result;
    }
}
