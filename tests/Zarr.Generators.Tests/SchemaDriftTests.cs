using System.Reflection;
using Zarr.Generators.Tests.Infrastructure;

namespace Zarr.Generators.Tests;

/// <summary>Open compares the store with the compiled-in schema and lists every difference in one exception.</summary>
public class SchemaDriftTests
{
    private const string Drift = """
        using System.Linq;
        using Zarr;
        namespace Demo;
        public static class Drift
        {
            public static string[] Run(Zarr.Stores.ZarrStore store, int change)
            {
                Weather.Create(store);
                var g = ZarrGroup.Open(store, "a");
                switch (change)
                {
                    case 0: break;
                    case 1: // every kind of difference at once
                        g.CreateDataset<double>("temperature", [365, 18, 36], [30, 9, 9], new ArrayOptions { Overwrite = true });
                        g.CreateDataset<Zarr.DataTypes.DateTime64>("time", [100, 2], [10, 2], new ArrayOptions { Overwrite = true, DType = "<M8[s]" });
                        g.CreateDataset<string>("labels", [4], [2], new ArrayOptions { Overwrite = true, DType = "<U8" });
                        store.Delete("stations/count/.zarray");
                        break;
                    case 2: // a resizable array may change shape; another may not
                        g.GetArray("time").Resize(250);
                        g.GetArray("labels").Resize(5);
                        break;
                    case 3:
                        store.Delete("stations/.zgroup");
                        break;
                    case 4: // same dtype (|O), other object codec
                        g.GetGroup("stations").CreateDataset<byte[]>("notes", [2], [2], new ArrayOptions { Overwrite = true });
                        break;
                }
                try
                {
                    Weather.Open(store);
                    return [];
                }
                catch (ZarrSchemaMismatchException e)
                {
                    return e.Differences.Select(d => d.ToString()).ToArray();
                }
            }
        }
        """;

    private static readonly Lazy<MethodInfo> Run = new(() =>
    {
        var result = GeneratorHarness.Run([Inputs.SchemaFirst, Drift]);
        result.AssertCompiles();
        return result.Load().GetType("Demo.Drift")!.GetMethod("Run")!;
    });

    private static string[] Differences(int change) => (string[])Run.Value.Invoke(null, [new Zarr.Stores.MemoryStore(), change])!;

    [Fact]
    public void AnUntouchedStoreOpens() => Assert.Empty(Differences(0));

    [Fact]
    public void EveryDifferenceIsListedByPath() => Assert.Equal(
        [
            "/temperature: dtype: expected <f4, found <f8",
            "/time: rank: expected 1, found 2",
            "/labels: chunks: expected (4,), found (2,)",
            "/stations/count: missing array: expected an array () <i4, found nothing",
        ],
        Differences(1));

    [Fact]
    public void ShapeMayChangeOnlyForResizableArrays() => Assert.Equal(["/labels: shape: expected (4,), found (5,)"], Differences(2));

    [Fact]
    public void TheObjectCodecOfAnObjectArrayIsChecked() => Assert.Equal(["/stations/notes: object codec: expected vlen-utf8, found vlen-bytes"], Differences(4));

    [Fact]
    public void AMissingGroupIsOneDifference() => Assert.Equal(["/stations: missing group: expected a group, found nothing"], Differences(3));
}
