using System.Globalization;
using System.Runtime.InteropServices;

namespace Zarr.DataTypes;

/// <summary>A complex number of two 32-bit floats: NumPy's complex64 (<c>&lt;c8</c>), laid out as real then imaginary.</summary>
/// <param name="Real">The real part.</param>
/// <param name="Imaginary">The imaginary part.</param>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct Complex64(float Real, float Imaginary)
{
    /// <summary>Widens to <see cref="System.Numerics.Complex"/>.</summary>
    public static implicit operator System.Numerics.Complex(Complex64 c) => new(c.Real, c.Imaginary);

    /// <summary>Narrows from <see cref="System.Numerics.Complex"/>.</summary>
    public static explicit operator Complex64(System.Numerics.Complex c) => new((float)c.Real, (float)c.Imaginary);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"({Real}{(Imaginary < 0 || float.IsNegative(Imaginary) ? "" : "+")}{Imaginary}j)");
}
