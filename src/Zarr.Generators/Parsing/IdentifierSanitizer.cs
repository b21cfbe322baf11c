using System.Collections.Generic;
using System.Globalization;
using System.Text;

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
        if (!IsIdentifierStartCharacter(sb[0])) sb.Insert(0, '_');
        var text = sb.ToString();
        // Contextual keywords are valid member names; only reserved keywords need the @.
        return ReservedKeywords.Contains(text) ? "@" + text : text;
    }

    private static bool IsIdentifierPart(char c) =>
        IsIdentifierPartCharacter(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format;

    /// <summary>A valid C# type name made of dot-separated identifiers, or false.</summary>
    public static bool IsValidTypeName(string name)
    {
        if (string.IsNullOrEmpty(name)) return false;
        foreach (var part in name.Split('.'))
        {
            if (!IsValidIdentifier(part) || ReservedKeywords.Contains(part)) return false;
        }
        return true;
    }

    // The rules below are the C# specification's, as Roslyn's SyntaxFacts applies them; they are
    // written out so the zarr tool needs no compiler, and a test holds them to SyntaxFacts.

    /// <summary>The reserved keywords, which need an <c>@</c> to be identifiers (contextual ones do not).</summary>
    internal static readonly HashSet<string> ReservedKeywords = new(System.StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while", "__arglist", "__makeref", "__reftype", "__refvalue",
    };

    internal static bool IsIdentifierStartCharacter(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' || (c > '\u007F' && IsLetter(CharUnicodeInfo.GetUnicodeCategory(c)));

    internal static bool IsIdentifierPartCharacter(char c)
    {
        if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_') return true;
        if (c <= '\u007F') return false;
        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        return IsLetter(category) || category is UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.Format;
    }

    internal static bool IsValidIdentifier(string name)
    {
        if (string.IsNullOrEmpty(name) || !IsIdentifierStartCharacter(name[0])) return false;
        for (var i = 1; i < name.Length; i++)
        {
            if (!IsIdentifierPartCharacter(name[i])) return false;
        }
        return true;
    }

    private static bool IsLetter(UnicodeCategory category) => category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
        or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber;
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
