using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Zarr.Generators.Model;

namespace Zarr.Generators.Parsing;

/// <summary>
/// Reads the doc comment a user wrote on a declaration, as lines without their <c>///</c>. The text is
/// taken from the syntax, not from <c>GetDocumentationCommentXml</c>: a build without
/// GenerateDocumentationFile parses doc comments as plain comments, and they must survive it too.
/// </summary>
internal static class DocCommentReader
{
    public static EquatableArray<string> Lines(SyntaxNode? declaration)
    {
        if (declaration is null) return EquatableArray<string>.Empty;
        var lines = new List<string>();
        foreach (var trivia in declaration.GetLeadingTrivia())
        {
            var text = trivia.ToFullString();
            if (trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia)
                || trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) && text.StartsWith("///", StringComparison.Ordinal) && !text.StartsWith("////", StringComparison.Ordinal))
            {
                foreach (var line in SplitLines(text))
                {
                    var t = line.TrimStart();
                    if (t.StartsWith("///", StringComparison.Ordinal)) lines.Add(t.Substring(3));
                }
            }
            else if (trivia.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia)
                || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia) && text.StartsWith("/**", StringComparison.Ordinal) && !text.StartsWith("/**/", StringComparison.Ordinal))
            {
                var body = text.Substring(3, text.Length - 3 - (text.EndsWith("*/", StringComparison.Ordinal) ? 2 : 0));
                foreach (var line in SplitLines(body))
                {
                    var t = line.Trim();
                    if (t.StartsWith("*", StringComparison.Ordinal)) t = t.Substring(1);
                    if (t.Trim().Length > 0) lines.Add(t.StartsWith(" ", StringComparison.Ordinal) ? t : " " + t);
                }
            }
        }
        return lines.ToEquatableArray();
    }

    private static string[] SplitLines(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
}
