// Schema first: Weather.cs declares the hierarchy; the generator writes it (Create), checks a store
// against it (Open), and gives every array an accessor whose rank and element type the compiler checks.
using System.Globalization;
using Samples;
using Zarr;
using Zarr.DataTypes;
using Zarr.Stores;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var folder = Path.Combine(Path.GetTempPath(), "zarr-typed-sample-" + Environment.ProcessId);
try
{
    var weather = Weather.Create(folder, overwrite: true);
    for (var day = 0; day < 7; day++)
    {
        var plane = new float[4, 5];
        for (var i = 0; i < 4; i++)
            for (var j = 0; j < 5; j++) plane[i, j] = 10 + day + i * 0.5f - j * 0.25f;
        weather.Temperature[day, .., ..] = plane;        // a float[,] into a rank-2 selection
    }
    var start = new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc);
    weather.Day.Write(Enumerable.Range(0, 7).Select(d => DateTime64.FromDateTime(start.AddDays(d), "D")).ToArray());
    weather.Stations.Name.Write(["Reykjavik", "Tromsø", "Longyearbyen"]);
    weather.Stations.Position.Write(new double[,] { { 64.1, -21.9 }, { 69.6, 18.9 }, { 78.2, 15.6 } });

    // Reopen read-only: Open checks the store against the schema first.
    var reopened = Weather.Open(folder);
    float[] noonRow = reopened.Temperature[3, 2, ..];
    Console.WriteLine($"temperature {string.Join("x", reopened.Temperature.Shape)}, chunks {string.Join("x", reopened.Temperature.Chunks)}, dtype {reopened.Temperature.DType}");
    Console.WriteLine($"day {reopened.Day[3].ToDateTime("D"):yyyy-MM-dd}, row 2: {string.Join(", ", noonRow)}");
    Console.WriteLine($"weekly maximum at cell (0, 0): {reopened.Temperature.GetOrthogonalSelection(.., new[] { 0 }, new[] { 0 }).Cast<float>().Max()}");
    for (var s = 0; s < 3; s++)
        Console.WriteLine($"station {reopened.Stations.Name[s],-12} at {reopened.Stations.Position[s, 0]:F1}, {reopened.Stations.Position[s, 1]:F1}");

    // Schema drift: change what is stored behind the schema's back, then open again.
    var group = ZarrGroup.Open(folder, "a");
    group.CreateDataset<double>("temperature", [7, 4, 5], [7, 4, 5], new ArrayOptions { Overwrite = true });
    group.Store.Delete("stations/position/.zarray");
    try
    {
        Weather.Open(folder);
    }
    catch (ZarrSchemaMismatchException e)
    {
        Console.WriteLine(e.Message);
    }
}
finally
{
    if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
}
