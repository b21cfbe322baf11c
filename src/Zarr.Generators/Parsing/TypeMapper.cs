using System.Collections.Generic;
using System.Globalization;
using Zarr.Generators.Model;

namespace Zarr.Generators.Parsing;

/// <summary>Maps dtypes to the C# element types of the runtime, and structured dtypes to record structs.</summary>
internal static class TypeMapper
{
    /// <summary>The highest rank with a rank-typed accessor (<c>ZarrArray0D</c> … <c>ZarrArray6D</c>) in the runtime.</summary>
    public const int MaxTypedRank = 6;

    /// <summary>
    /// The element type of a non-structured dtype, or null with a reason. Object dtypes need their
    /// object codec (<c>filters[0]</c>).
    /// </summary>
    public static string? ElementType(DTypeModel dtype, string? objectCodec, out string? reason)
    {
        reason = null;
        switch (dtype.Kind)
        {
            case 'b': return "bool";
            case 'i': return dtype.ItemSize switch { 1 => "sbyte", 2 => "short", 4 => "int", _ => "long" };
            case 'u': return dtype.ItemSize switch { 1 => "byte", 2 => "ushort", 4 => "uint", _ => "ulong" };
            case 'f': return dtype.ItemSize switch { 2 => "global::System.Half", 4 => "float", _ => "double" };
            case 'c': return dtype.ItemSize == 8 ? "global::Zarr.DataTypes.Complex64" : "global::System.Numerics.Complex";
            case 'M': return "global::Zarr.DataTypes.DateTime64";
            case 'm': return "global::Zarr.DataTypes.TimeDelta64";
            case 'S': return "string"; // NUL-padded bytes read as Latin-1 text (the runtime also reads them as byte[])
            case 'V': return "byte[]";
            case 'U': return "string";
            case 'O':
                switch (objectCodec)
                {
                    case "vlen-utf8": return "string";
                    case "vlen-bytes": return "byte[]";
                    case null:
                        reason = "an object array needs an object codec (vlen-utf8 or vlen-bytes) as filters[0]";
                        return null;
                    default:
                        reason = "objects encoded with '" + objectCodec + "' have no C# element type (vlen-utf8 and vlen-bytes do)";
                        return null;
                }
            default:
                reason = "unknown kind";
                return null;
        }
    }

    /// <summary>
    /// A record struct for a structured dtype, or null with the reason it cannot match the bytes
    /// (big-endian or text/object fields).
    /// </summary>
    public static StructModel? Struct(string name, DTypeModel dtype, out string? reason)
    {
        reason = null;
        var fields = new List<StructFieldModel>();
        var scope = new MemberNameScope(new[] { name });
        for (var i = 0; i < dtype.Fields.Count; i++)
        {
            var f = dtype.Fields[i];
            var jsonName = f.Name;
            var displayName = jsonName.Length == 0 ? "f" + i.ToString(CultureInfo.InvariantCulture) : jsonName;
            var fieldName = scope.Claim(IdentifierSanitizer.ToPascalCase(displayName), displayName, out _);
            var t = f.DType;
            StructModel? nested = null;
            string element;
            var length = f.Count;
            if (t.IsStructured)
            {
                nested = Struct(fieldName + "Record", t, out reason);
                if (nested is null) return null;
                element = nested.Name;
            }
            else if (t.Kind is 'S' or 'V')
            {
                element = "byte";
                length *= t.ItemSize;
            }
            else if (t.Kind is 'U' or 'O')
            {
                reason = "field '" + displayName + "' holds " + (t.Kind == 'U' ? "UCS-4 text" : "objects");
                return null;
            }
            else
            {
                if (t.ByteOrder == '>')
                {
                    reason = "field '" + displayName + "' is big-endian";
                    return null;
                }
                element = ElementType(t, null, out reason)!;
            }
            var isBuffer = f.Shape.Count > 0 || t.Kind is 'S' or 'V';
            fields.Add(new StructFieldModel(
                fieldName,
                jsonName,
                f.Offset,
                element,
                isBuffer ? length : 0,
                isBuffer ? fieldName + "Buffer" : null,
                nested,
                t.Kind == 'S' && f.Shape.Count == 0));
        }
        return new StructModel(name, dtype.ItemSize, fields.ToEquatableArray());
    }

    /// <summary>The dtype a C# element type maps to when the schema names none (primitives only).</summary>
    public static string? DefaultDType(string elementType) => elementType switch
    {
        "bool" => "|b1",
        "sbyte" => "|i1",
        "short" => "<i2",
        "int" => "<i4",
        "long" => "<i8",
        "byte" => "|u1",
        "ushort" => "<u2",
        "uint" => "<u4",
        "ulong" => "<u8",
        "global::System.Half" => "<f2",
        "float" => "<f4",
        "double" => "<f8",
        "global::Zarr.DataTypes.Complex64" => "<c8",
        "global::System.Numerics.Complex" => "<c16",
        _ => null,
    };

    /// <summary>The accessor type for an array of <paramref name="rank"/> dimensions.</summary>
    public static string AccessorType(int rank, string? elementType) =>
        elementType is null ? "global::Zarr.ZarrArray"
        : rank <= MaxTypedRank ? "global::Zarr.ZarrArray" + rank.ToString(CultureInfo.InvariantCulture) + "D<" + elementType + ">"
        : "global::Zarr.ZarrArray<" + elementType + ">";
}
