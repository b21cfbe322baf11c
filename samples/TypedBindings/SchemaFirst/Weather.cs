using Zarr;
using Zarr.DataTypes;

namespace Samples;

/// <summary>
/// The schema of a small weather store: the generator implements the properties and adds Create/Open.
/// Keys are the property names in snake_case (Temperature → temperature) unless Name = says otherwise.
/// </summary>
[ZarrGroup]
public partial class Weather
{
    /// <summary>Daily temperature on a 4 x 5 grid.</summary>
    [ZarrArray(Shape = [7, 4, 5], Chunks = [1, 4, 5], Compressor = "zlib", FillValue = "\"NaN\"")]
    public partial ZarrArray3D<float> Temperature { get; }

    /// <summary>The day of each temperature plane; grows as days are appended.</summary>
    [ZarrArray(Shape = [7], Chunks = [7], DType = "<M8[D]", Resizable = true)]
    public partial ZarrArray1D<DateTime64> Day { get; }

    /// <summary>The weather stations.</summary>
    public partial Stations Stations { get; }
}

/// <summary>Station metadata.</summary>
[ZarrGroup]
public partial class Stations
{
    /// <summary>Station names.</summary>
    [ZarrArray(Shape = [3], DType = "<U12")]
    public partial ZarrArray1D<string> Name { get; }

    /// <summary>Latitude and longitude of each station.</summary>
    [ZarrArray(Shape = [3, 2], Chunks = [3, 2])]
    public partial ZarrArray2D<double> Position { get; }
}
