using Zarr.DataTypes;

namespace Zarr.Internal;

/// <summary>
/// Never called. Its only job is to name the read and write paths of <see cref="ZarrArray{T}"/> for
/// the numeric element types inside this assembly, so that ReadyToRun compilation (crossgen2, which
/// only precompiles the generic instantiations an assembly itself uses) ships them precompiled instead
/// of leaving the first read of a process to the JIT. The element types come from
/// <see cref="ElementTypes.Dispatch{TVisitor, TResult}"/> (a struct visitor, so each instantiation is
/// exact and visible to crossgen2), not from a list of their own.
/// </summary>
internal static class PrecompiledInstantiations
{
    internal static void Root(ZarrArray array, Selector[] selection, long[][] coordinates)
    {
        foreach (var dtype in (ZarrDType[])[
            ZarrDType.Bool, ZarrDType.Int8, ZarrDType.Int16, ZarrDType.Int32, ZarrDType.Int64,
            ZarrDType.UInt8, ZarrDType.UInt16, ZarrDType.UInt32, ZarrDType.UInt64,
            ZarrDType.Float16, ZarrDType.Float32, ZarrDType.Float64])
        {
            ElementTypes.Dispatch<Paths, bool>(dtype, new Paths(array, selection, coordinates));
        }
    }

    private readonly struct Paths(ZarrArray array, Selector[] selection, long[][] coordinates) : IElementTypeVisitor<bool>
    {
        public bool Visit<T>()
        {
            var typed = array.As<T>();
            var values = typed.Get(selection);
            typed.Set(selection, values);
            typed.Set(selection, values.Data[0]);
            _ = typed.GetCoordinateSelection(coordinates);
            _ = typed.GetOrthogonalSelection(selection);
            _ = typed.Read();
            return true;
        }
    }
}
