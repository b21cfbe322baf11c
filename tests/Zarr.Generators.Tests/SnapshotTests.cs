using Zarr.Generators.Tests.Infrastructure;

namespace Zarr.Generators.Tests;

/// <summary>Generated source for representative inputs, compared with the approved files in Snapshots/.</summary>
public class SnapshotTests
{
    [Fact]
    public void SchemaFirstClasses() => Snapshot.Verify("SchemaFirst", GeneratorHarness.Run(Inputs.SchemaFirst));

    [Fact]
    public void MetadataFirstHierarchy() => Snapshot.Verify("MetadataFirst", GeneratorHarness.Run("", Inputs.MetadataFirst()));

    [Fact]
    public void ConsolidatedMetadata()
    {
        var store = new StoreFixture("/repo/consolidated.zarr", "Demo.Consolidated").Add(".zmetadata", """
            {
                "metadata": {
                    ".zgroup": {"zarr_format": 2},
                    "a/.zarray": {"chunks": [5], "compressor": null, "dtype": "<i8", "fill_value": 0, "filters": null, "order": "C", "shape": [10], "zarr_format": 2},
                    "a/.zattrs": {"long_name": "A"},
                    "g/.zgroup": {"zarr_format": 2},
                    "g/b/.zarray": {"chunks": [2, 2], "compressor": {"id": "zstd", "level": 3}, "dtype": ">u2", "fill_value": 1, "filters": null, "order": "F", "shape": [4, 4], "zarr_format": 2}
                },
                "zarr_consolidated_format": 1
            }
            """);
        Snapshot.Verify("Consolidated", GeneratorHarness.Run("", store));
    }
}
