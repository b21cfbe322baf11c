namespace Zarr.Internal;

/// <summary>
/// Never called. Its only job is to name the read and write paths of <see cref="ZarrArray{T}"/> for
/// the common element types inside this assembly, so that ReadyToRun compilation (crossgen2, which
/// only precompiles the generic instantiations an assembly itself uses) ships them precompiled instead
/// of leaving the first read of a process to the JIT.
/// </summary>
internal static class PrecompiledInstantiations
{
    internal static void Root(ZarrArray array, Selector[] selection, long[][] coordinates)
    {
        Paths<int>(array, selection, coordinates);
        Paths<long>(array, selection, coordinates);
        Paths<float>(array, selection, coordinates);
        Paths<double>(array, selection, coordinates);
        Paths<short>(array, selection, coordinates);
        Paths<byte>(array, selection, coordinates);
        Paths<uint>(array, selection, coordinates);
        Paths<ulong>(array, selection, coordinates);
        Paths<bool>(array, selection, coordinates);
    }

    private static void Paths<T>(ZarrArray array, Selector[] selection, long[][] coordinates)
    {
        var typed = array.As<T>();
        var values = typed.Get(selection);
        typed.Set(selection, values);
        typed.Set(selection, values.Data[0]);
        _ = typed.GetCoordinateSelection(coordinates);
        _ = typed.GetOrthogonalSelection(selection);
        _ = typed.Read();
    }
}
