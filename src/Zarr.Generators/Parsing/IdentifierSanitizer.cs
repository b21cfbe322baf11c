using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Zarr.Generators.Parsing;

/// <summary>Turns Zarr keys (<c>air_temperature</c>, <c>2m-temp</c>, <c>dé jà</c>) into C# identifiers.</summary>
internal static class IdentifierSanitizer
{
    /// <summary>
    /// PascalCase from the key's words: separators (<c>_</c>, <c>-</c>, <c>.</c>, spaces and any other
    /// character not allowed in an identifier) split words; a leading digit gets a <c>_</c> prefix.
    /// </summary>
    public static string ToPascalCase(string key)
    {
        var sb = new StringBuilder(key.Length + 1);
        var upperNext = true;
        foreach (var c in key)
        {
            if (IsIdentifierPart(c) && c != '_')
            {
                sb.Append(upperNext ? char.ToUpperInvariant(c) : c);
                upperNext = false;
            }
            else
            {
                upperNext = true;
            }
        }
        if (sb.Length == 0) sb.Append('_');
        if (!SyntaxFacts.IsIdentifierStartCharacter(sb[0])) sb.Insert(0, '_');
        var text = sb.ToString();
        // Contextual keywords are valid member names; only reserved keywords need the @.
        return SyntaxFacts.GetKeywordKind(text) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + text : text;
    }

    private static bool IsIdentifierPart(char c) =>
        SyntaxFacts.IsIdentifierPartCharacter(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format;

    /// <summary>A valid C# type name made of dot-separated identifiers, or false.</summary>
    public static bool IsValidTypeName(string name)
    {
        if (string.IsNullOrEmpty(name)) return false;
        foreach (var part in name.Split('.'))
        {
            if (!SyntaxFacts.IsValidIdentifier(part) || SyntaxFacts.GetKeywordKind(part) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None) return false;
        }
        return true;
    }
}

/// <summary>
/// Hands out unique member names inside one class: a name already taken gets a numeric suffix, and
/// the caller learns which earlier key it collided with.
/// </summary>
internal sealed class MemberNameScope
{
    private readonly Dictionary<string, string> _taken = new(System.StringComparer.Ordinal);

    public MemberNameScope(IEnumerable<string> reserved)
    {
        foreach (var r in reserved) _taken[r] = "";
    }

    /// <summary>Claims <paramref name="name"/> for <paramref name="key"/>; on a clash returns a suffixed name and the earlier key.</summary>
    public string Claim(string name, string key, out string? collidedWith)
    {
        collidedWith = null;
        if (!_taken.TryGetValue(name, out var owner))
        {
            _taken[name] = key;
            return name;
        }
        collidedWith = owner;
        for (var i = 2; ; i++)
        {
            var candidate = name + "_" + i.ToString(CultureInfo.InvariantCulture);
            if (!_taken.ContainsKey(candidate))
            {
                _taken[candidate] = key;
                return candidate;
            }
        }
    }
}
