using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Zarr.Generators.Parsing;

/// <summary>
/// The size in bytes the runtime gives a struct (<c>Unsafe.SizeOf&lt;T&gt;()</c> on a 64-bit process),
/// worked out from its declaration: the runtime reads structured elements by copying their bytes, so a
/// struct bound to a structured dtype must be exactly its item size. CoreCLR's rules for unmanaged
/// structs: sequential fields at offsets aligned to min(alignment, Pack), the size padded to the
/// largest such alignment; explicit fields where [FieldOffset] puts them; [StructLayout(Size)] as a
/// lower bound; [InlineArray(n)] as n elements. A layout it cannot know (a struct compiled elsewhere
/// whose private fields are not visible) gives null, and no error is reported for it.
/// </summary>
internal static class StructSizer
{
    private const int MaxDepth = 32;

    /// <summary>The struct's size, or null when unknown or when <paramref name="reference"/> names a field that holds a reference.</summary>
    public static int? SizeOf(ITypeSymbol type, out string? reference)
    {
        reference = null;
        var layout = Layout(type, 0, ref reference);
        return layout?.Size;
    }

    private readonly struct TypeLayout
    {
        public TypeLayout(int size, int alignment)
        {
            Size = size;
            Alignment = alignment;
        }

        public int Size { get; }

        public int Alignment { get; }
    }

    private static TypeLayout? Layout(ITypeSymbol type, int depth, ref string? reference)
    {
        if (depth > MaxDepth) return null;
        if (type.TypeKind == TypeKind.Enum && type is INamedTypeSymbol { EnumUnderlyingType: { } underlying }) return Layout(underlying, depth + 1, ref reference);
        if (type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer) return new TypeLayout(8, 8);
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
            case SpecialType.System_SByte:
            case SpecialType.System_Byte: return new TypeLayout(1, 1);
            case SpecialType.System_Char:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16: return new TypeLayout(2, 2);
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Single: return new TypeLayout(4, 4);
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Double:
            case SpecialType.System_IntPtr:
            case SpecialType.System_UIntPtr:
            case SpecialType.System_DateTime: return new TypeLayout(8, 8);
            case SpecialType.System_Decimal: return new TypeLayout(16, 8);
        }
        if (!type.IsValueType) return null;
        switch (type.ToDisplayString())
        {
            case "System.Half": return new TypeLayout(2, 2);
            case "System.TimeSpan": return new TypeLayout(8, 8);
            case "System.Guid": return new TypeLayout(16, 4);
            case "System.Numerics.Complex": return new TypeLayout(16, 8);
            case "System.Int128":
            case "System.UInt128": return new TypeLayout(16, 16);
        }
        if (type is not INamedTypeSymbol named || named.TypeKind != TypeKind.Struct) return null;
        // The fields of a struct compiled elsewhere may be hidden (private), and its [StructLayout] is
        // not an attribute there: only structs declared in this compilation are laid out.
        if (named.Locations.All(l => !l.IsInSource)) return null;
        return StructLayout(named, depth, ref reference);
    }

    private static TypeLayout? StructLayout(INamedTypeSymbol type, int depth, ref string? reference)
    {
        var kind = 0; // LayoutKind.Sequential; 2 is Explicit, 3 is Auto
        var pack = 8;
        var declaredSize = 0;
        var inlineLength = 0;
        foreach (var a in type.GetAttributes())
        {
            switch (a.AttributeClass?.ToDisplayString())
            {
                case "System.Runtime.InteropServices.StructLayoutAttribute":
                    if (a.ConstructorArguments.Length == 1 && a.ConstructorArguments[0].Value is { } k) kind = Convert.ToInt32(k, CultureInfo.InvariantCulture);
                    foreach (var n in a.NamedArguments)
                    {
                        if (n.Key == "Pack" && n.Value.Value is int p && p > 0) pack = Math.Min(p, 8);
                        if (n.Key == "Size" && n.Value.Value is int s) declaredSize = s;
                    }
                    break;
                case "System.Runtime.CompilerServices.InlineArrayAttribute":
                    if (a.ConstructorArguments.Length == 1 && a.ConstructorArguments[0].Value is int length) inlineLength = length;
                    break;
            }
        }
        if (kind == 3) return null;

        var fields = type.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic && !f.IsConst).ToList();
        var offset = 0;
        var end = 0;
        var alignment = 1;
        foreach (var f in fields)
        {
            if (!f.Type.IsValueType && f.Type.TypeKind is not (TypeKind.Pointer or TypeKind.FunctionPointer))
            {
                reference = type.Name + "." + (f.AssociatedSymbol?.Name ?? f.Name) + " (" + f.Type.ToDisplayString() + ")";
                return null;
            }
            TypeLayout? field;
            if (f.IsFixedSizeBuffer && f.Type is IPointerTypeSymbol pointer)
            {
                var element = Layout(pointer.PointedAtType, depth + 1, ref reference);
                field = element is { } e ? new TypeLayout(e.Size * f.FixedSize, e.Alignment) : null;
            }
            else
            {
                field = Layout(f.Type, depth + 1, ref reference);
            }
            if (field is not { } fl) return null;
            var align = Math.Min(fl.Alignment, pack);
            alignment = Math.Max(alignment, align);
            if (kind == 2)
            {
                var at = f.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "System.Runtime.InteropServices.FieldOffsetAttribute");
                if (at is null || at.ConstructorArguments.Length != 1 || at.ConstructorArguments[0].Value is not int fieldOffset) return null;
                end = Math.Max(end, fieldOffset + fl.Size);
            }
            else
            {
                offset = AlignUp(offset, align) + fl.Size;
                end = offset;
            }
            if (inlineLength > 0)
            {
                end = fl.Size * inlineLength;
                break;
            }
        }
        var size = fields.Count == 0 ? 1 : end;
        if (declaredSize > 0) size = Math.Max(size, declaredSize);
        else size = AlignUp(size, alignment);
        return new TypeLayout(size, alignment);
    }

    private static int AlignUp(int value, int alignment) => (value + alignment - 1) / alignment * alignment;
}
