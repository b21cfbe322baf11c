using Zarr.Generators.Tests.Infrastructure;

namespace Zarr.Generators.Tests;

/// <summary>Representative inputs shared by the snapshot, compile and behaviour tests.</summary>
public static class Inputs
{
    private const string NameArray = """
        {
            "chunks": [40],
            "compressor": null,
            "dtype": "|O",
            "fill_value": "",
            "filters": [{"id": "vlen-utf8"}],
            "order": "C",
            "shape": [40],
            "zarr_format": 2
        }
        """;

    public const string SchemaFirst = """
        using Zarr;
        using Zarr.DataTypes;

        namespace Demo;

        [ZarrGroup]
        public partial class Weather
        {
            /// <summary>Daily air temperature in kelvin.</summary>
            [ZarrArray(Shape = [365, 18, 36], Chunks = [30, 9, 9], Compressor = "zlib", FillValue = "\"NaN\"")]
            public partial ZarrArray3D<float> Temperature { get; }

            [ZarrArray(Shape = [100], Chunks = [10], DType = "<M8[s]", Resizable = true, Name = "time")]
            public partial ZarrArray1D<DateTime64> Time { get; }

            [ZarrArray(Shape = [4], DType = "<U8", Compressor = "none")]
            public partial ZarrArray1D<string> Labels { get; }

            [ZarrGroup(Name = "stations")]
            public partial Stations Stations { get; }

            /// <summary>Not part of the schema: a plain member of the user's class.</summary>
            public string Describe() => Group.Tree();
        }

        [ZarrGroup]
        public partial class Stations
        {
            /// <summary>Latitude and longitude of each station.</summary>
            /// <remarks>
            /// Degrees north and east.
            /// </remarks>
            [ZarrArray(Shape = [50, 2], Chunks = [25, 2], Compressor = "{\"id\": \"zlib\", \"level\": 5}")]
            public partial ZarrArray2D<double> Coordinates { get; }

            [ZarrArray(Shape = new long[0])]
            public partial ZarrArray0D<int> Count { get; }

            [ZarrArray(Shape = [2])]
            public partial ZarrArray1D<string> Notes { get; }
        }
        """;

    /// <summary>
    /// A zarr v3 schema: sharded arrays, dimension names on generated accessors (SstArray, NamesArray,
    /// OddArray, whose names need sanitising) and on a user-declared accessor (positional only), a nested group.
    /// </summary>
    public const string SchemaFirstV3 = """
        using Zarr;
        using Zarr.DataTypes;

        namespace Demo;

        [ZarrGroup(ZarrFormat = 3)]
        public partial class Ocean
        {
            /// <summary>Sea surface temperature.</summary>
            [ZarrArray(Shape = [8, 6, 10], Chunks = [2, 3, 5], Shards = [4, 6, 10], DType = "float32", FillValue = "\"NaN\"",
                       DimensionNames = ["time", "lat", "lon"])]
            public partial SstArray Sst { get; }

            [ZarrArray(Shape = [100, 100], Chunks = [10, 10], Shards = [50, 100], Compressor = "zlib")]
            public partial ZarrArray2D<int> Counts { get; }

            [ZarrArray(Shape = [4], DType = "|O", DimensionNames = ["station"])]
            public partial NamesArray Names { get; }

            [ZarrArray(Shape = [3, 2], DType = "<i8", DimensionNames = ["sea-level", "class"], Compressor = "none")]
            public partial OddArray Odd { get; }

            public partial Buoys Buoys { get; }
        }

        [ZarrGroup(ZarrFormat = 3)]
        public partial class Buoys
        {
            [ZarrArray(Shape = [4], DType = "<M8[s]", DimensionNames = ["buoy"], Resizable = true)]
            public partial ZarrArray1D<DateTime64> Time { get; }

            [ZarrArray(Shape = [4, 3], DType = "<U4", Order = "F")]
            public partial ZarrArray2D<string> Code { get; }
        }
        """;

    /// <summary>
    /// A zarr v3 hierarchy as zarr-python 3 writes it: attributes inside zarr.json, a sharded array with
    /// dimension names, a big-endian array with a missing name, a vlen string, a struct, datetime64 and
    /// fixed-length UTF-32 arrays.
    /// </summary>
    public static StoreFixture MetadataFirstV3() => new StoreFixture("/repo/data/sea.zarr", "Demo.Data.Sea")
        .GroupV3("", attrs: """{"title": "Sea sample", "version": 3}""")
        .ArrayV3("sst", "[8, 6, 10]", "[2, 3, 5]", "\"float32\"", fill: "\"NaN\"", shards: "[4, 6, 10]", dimensionNames: """["time", "lat", "lon"]""",
            attrs: """{"units": "degC"}""")
        .ArrayV3("depth", "[6, 10]", "[6, 10]", "\"float64\"", serializer: """{"name": "bytes", "configuration": {"endian": "big"}}""", compressors: "[]",
            dimensionNames: """["lat", null]""")
        .GroupV3("stations")
        .ArrayV3("stations/name", "[4]", "[4]", "\"string\"", fill: "\"\"", serializer: """{"name": "vlen-utf8"}""", compressors: "[]",
            dimensionNames: """["station"]""")
        .ArrayV3("stations/reading", "[4]", "[2]",
            """{"name": "struct", "configuration": {"fields": [{"name": "id", "data_type": "int32"}, {"name": "depth", "data_type": "float64"}]}}""",
            fill: "\"AAAAAAAAAAAAAAAA\"")
        .ArrayV3("stations/when", "[4]", "[4]", """{"name": "numpy.datetime64", "configuration": {"unit": "s", "scale_factor": 1}}""", fill: "\"NaT\"")
        .ArrayV3("stations/code", "[4]", "[4]", """{"name": "fixed_length_utf32", "configuration": {"length_bytes": 16}}""", fill: "\"\"");

    public static StoreFixture MetadataFirst() => new StoreFixture("/repo/data/ocean.zarr", "Demo.Data.Ocean")
        .Group("", attrs: """
            {
                "title": "Ocean sample",
                "version": 3,
                "created_by": ["zarr", "python"],
                "provenance": {"tool": "xarray"}
            }
            """)
        .Array("sst", "[120, 90, 180]", "[12, 90, 180]", "\"<f4\"", compressor: """{"id": "zlib", "level": 1}""", fill: "\"NaN\"",
            attrs: """
            {
                "units": "degC",
                "scale_factor": 0.01,
                "valid_range": [-2, 40.5],
                "missing": NaN,
                "standardized": true,
                "_ARRAY_DIMENSIONS": ["time", "lat", "lon"]
            }
            """)
        .Array("mask", "[90, 180]", "[90, 180]", "\"|b1\"", fill: "false")
        .Group("stations")
        .Array("stations/position", "[40, 3]", "[40, 3]", "\"<f8\"")
        .Add("stations/name/.zarray", NameArray)
        .Array("stations/reading", "[40]", "[20]",
            """[["id", "<i4"], ["depth", "<f8", [3]], ["code", "|S4"], ["flags", [["ok", "|b1"], ["level", "<i2"]]]]""", fill: "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"")
        .Array("stations/time", "[40]", "[40]", "\"<M8[ns]\"")
        .Group("stations/2024-archive")
        .Array("stations/2024-archive/wave height", "[10, 10]", "[5, 5]", "\"<f2\"")
        .Array("stations/2024-archive/spectrum", "[10]", "[10]", "\"<c8\"", fill: "[0.0, 0.0]");
}
