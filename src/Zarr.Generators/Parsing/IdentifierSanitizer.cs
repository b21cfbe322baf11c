using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Zarr.Generators.Parsing;

/// <summary>
/// The one naming rule between Zarr keys and C# names, used both ways: a key's words become a
/// PascalCase member (<c>air_temperature</c> → <c>AirTemperature</c>, <c>_ARRAY_DIMENSIONS</c> →
/// <c>ArrayDimensions</c>), and a schema property without a Name is stored under its words in
/// snake_case (<c>AirTemperature</c> → <c>air_temperature</c>). The two invert each other for every
/// key of lower-case words joined by single underscores (each word after the first starting with a
/// letter) and every name of capitalised words: zarr-python's and xarray's usual keys round-trip.
/// </summary>
internal static class IdentifierSanitizer
{
    /// <summary>
    /// PascalCase from the key's words: separators (<c>_</c>, <c>-</c>, <c>.</c>, spaces and any other
    /// character not allowed in an identifier) split words; each word's first letter is upper-cased,
    /// and a word written all in capitals keeps only its first (<c>ARRAY</c> → <c>Array</c>, as .NET
    /// writes acronyms); a leading digit gets a <c>_</c> prefix.
    /// </summary>
    public static string ToPascalCase(string key)
    {
        var sb = new StringBuilder(key.Length + 1);
        var word = new StringBuilder();
        foreach (var c in key)
        {
            if (IsIdentifierPart(c) && c != '_')
            {
                word.Append(c);
                continue;
            }
            AppendWord(sb, word);
        }
        AppendWord(sb, word);
        if (sb.Length == 0) sb.Append('_');
        if (!IsIdentifierStartCharacter(sb[0])) sb.Insert(0, '_');
        var text = sb.ToString();
        // Contextual keywords are valid member names; only reserved keywords need the @.
        return ReservedKeywords.Contains(text) ? "@" + text : text;
    }

    private static void AppendWord(StringBuilder sb, StringBuilder word)
    {
        if (word.Length == 0) return;
        var letters = 0;
        var allCapitals = true;
        for (var i = 0; i < word.Length; i++)
        {
            if (!char.IsLetter(word[i])) continue;
            letters++;
            if (!char.IsUpper(word[i])) allCapitals = false;
        }
        sb.Append(char.ToUpperInvariant(word[0]));
        for (var i = 1; i < word.Length; i++) sb.Append(allCapitals && letters > 1 ? char.ToLowerInvariant(word[i]) : word[i]);
        word.Clear();
    }

    /// <summary>
    /// The key a schema property is stored under when it names none: its words in lower case, joined
    /// by <c>_</c>. A word starts at an upper-case letter that follows a lower-case letter or a digit,
    /// or that begins a capitalised word after capitals (<c>HTTPServer</c> → <c>http_server</c>); the
    /// <c>_</c> that <see cref="ToPascalCase"/> puts before a leading digit and an <c>@</c> are dropped.
    /// </summary>
    public static string ToSnakeCase(string name)
    {
        var text = name.TrimStart('@');
        if (text.Length > 1 && text[0] == '_' && char.IsDigit(text[1])) text = text.Substring(1);
        var sb = new StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '_')
            {
                if (sb.Length > 0 && sb[sb.Length - 1] != '_') sb.Append('_');
                continue;
            }
            if (char.IsUpper(c) && i > 0 && sb.Length > 0 && sb[sb.Length - 1] != '_')
            {
                var previous = text[i - 1];
                var startsWord = char.IsLower(previous) || char.IsDigit(previous)
                    || (char.IsUpper(previous) && i + 1 < text.Length && char.IsLower(text[i + 1]));
                if (startsWord) sb.Append('_');
            }
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString().TrimEnd('_');
    }

    /// <summary>
    /// The parameter name of a named indexer for a dimension: the name by <see cref="ToPascalCase"/>, its
    /// first letter in lower case as .NET writes parameters (<c>time</c> → <c>time</c>, <c>sea_level</c>
    /// → <c>seaLevel</c>, <c>SST</c> → <c>sst</c>), a reserved keyword with <c>@</c> (<c>int</c> → <c>@int</c>).
    /// </summary>
    public static string ToCamelCase(string name)
    {
        var pascal = ToPascalCase(name).TrimStart('@');
        var text = char.IsUpper(pascal[0]) ? char.ToLowerInvariant(pascal[0]) + pascal.Substring(1) : pascal;
        return ReservedKeywords.Contains(text) ? "@" + text : text;
    }

    /// <summary>
    /// An indexer parameter may not be called <c>value</c> (the set accessor's own parameter): a dimension
    /// named so gets this suffix, as a key named like a generated member gets the suffix of its kind.
    /// </summary>
    public const string DimensionSuffix = "Dimension";

    private static readonly string[] s_parameterReserved = ["value"];

    /// <summary>
    /// The parameter names of the named indexers of an array with <paramref name="dimensionNames"/>, one
    /// per dimension; null when a name is missing or two are equal (the array then has positional
    /// indexers only). Names that only become equal as identifiers (<c>foo-bar</c>, <c>foo_bar</c>) get a
    /// numeric suffix, listed in <paramref name="collisions"/> as (earlier name, name, wanted, given).
    /// </summary>
    public static string[]? ToParameterNames(IReadOnlyList<string?> dimensionNames, List<(string Other, string Name, string Wanted, string Given)> collisions)
    {
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var n in dimensionNames)
        {
            if (n is null || !seen.Add(n)) return null;
        }
        var scope = new MemberNameScope(s_parameterReserved);
        var result = new string[dimensionNames.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var name = dimensionNames[i]!;
            var wanted = ToCamelCase(name);
            if (scope.OwnerOf(wanted) == "") wanted += DimensionSuffix;
            result[i] = scope.Claim(wanted, name, out var other);
            if (other is not null) collisions.Add((other, name, wanted, result[i]));
        }
        return result;
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

    /// <summary>Who holds <paramref name="name"/>: null when it is free, "" for a reserved name, else the key that claimed it.</summary>
    public string? OwnerOf(string name) => _taken.TryGetValue(name, out var owner) ? owner : null;

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
