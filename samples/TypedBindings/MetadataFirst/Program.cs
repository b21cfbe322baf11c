// Metadata first: data/ocean.zarr was written by zarr-python; its .zgroup/.zarray/.zattrs files are
// AdditionalFiles, so Samples.Data.Ocean and its members are generated from them at build time.
using System.Globalization;
using Samples.Data;
using Zarr;
using Zarr.DataTypes;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var path = Path.Combine(AppContext.BaseDirectory, "data", "ocean.zarr");

// Open checks the store against the compiled-in schema (dtype, rank, chunks of every array).
var ocean = Ocean.Open(path);
Console.WriteLine($"{ocean.Title} from {ocean.Institution}, version {ocean.Version}");

// A rank-3 float32 array: three integers give a float, two ranges and an index give a float[,].
var sst = ocean.SeaSurfaceTemperature;
Console.WriteLine($"sea_surface_temperature {string.Join("x", sst.Shape)} in {sst.Units}, valid {sst.ValidRange[0]}..{sst.ValidRange[1]}");
float first = sst[0, 0, 0];
float[,] day2 = sst[2, .., ..];
float[] lastColumn = sst[^1, .., ^1];
Console.WriteLine($"  first value {first}, day 2 is {day2.GetLength(0)}x{day2.GetLength(1)}, mean {day2.Cast<float>().Average():F2}");
Console.WriteLine($"  last day, last column: {string.Join(", ", lastColumn)}");
Console.WriteLine($"  every other row of day 0, column 3: {string.Join(", ", sst[0, (0..6).Step(2), 3])}");

bool[,] land = ocean.Land.Read();
Console.WriteLine($"land cells: {land.Cast<bool>().Count(b => b)} of {land.Length}");

// Strings (vlen-utf8), a structured dtype as a generated record struct, datetime64[s].
var stations = ocean.Stations;
string[] names = stations.Name.Read();
Ocean.StationsGroup.ReadingRecord[] readings = stations.Reading.Read();
DateTime64[] times = stations.Time.Read();
for (var i = 0; i < names.Length; i++)
{
    var r = readings[i];
    Console.WriteLine($"  station {r.Id} {names[i],-9} depth {r.Depth,6:F2} ok={r.Ok} at {times[i].ToDateTime():yyyy-MM-dd HH:mm}");
}
