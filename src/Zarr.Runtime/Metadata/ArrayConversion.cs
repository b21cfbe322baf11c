using System.Text.Json.Nodes;
using Zarr.Codecs;
using Zarr.DataTypes;
using Zarr.Metadata.V3;

namespace Zarr.Metadata;

/// <summary>
/// Re-describes an array's metadata in another format or chunk layout, keeping its data type, shape,
/// fill value, filters and compressors (zarr v2 ↔ v3, into or out of shards), as a re-encoding copy
/// (<c>zarr copy --format/--shards/--chunks/--compressor</c>) needs. The data itself is not touched.
/// </summary>
public static class ArrayConversion
{
    /// <summary>
    /// The metadata of an array holding the same elements as <paramref name="source"/> in
    /// <paramref name="zarrFormat"/>, optionally with new (inner) <paramref name="chunks"/>, a new
    /// <paramref name="shards"/> shape (zarr v3 only) and new <paramref name="compressors"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The array has no form in the target format (a v3 transpose other than C/F order, a non-vlen object codec in v3…).</exception>
    public static ArrayMetadata Convert(ArrayMetadata source, int zarrFormat, int[]? chunks = null, int[]? shards = null, IReadOnlyList<BytesCodec>? compressors = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (zarrFormat is not (2 or 3)) throw new ArgumentOutOfRangeException(nameof(zarrFormat), zarrFormat, "The zarr format must be 2 or 3.");
        if (shards is not null && zarrFormat != 3) throw new ArgumentException("Shards need zarr format 3.", nameof(shards));

        // The array's parts, whatever its format.
        var dtype = source.DType;
        ObjectCodec? objectCodec = null;
        var filters = new List<IZarrCodec>();
        List<BytesCodec> codecs;
        bool fortran;
        int[] innerChunks;
        int[]? sourceShards = null;
        IReadOnlyList<string?>? names = null;
        var encoding = "default";
        var separator = '/';
        if (source.V3 is { } v3)
        {
            var chain = v3.Chain;
            innerChunks = source.Chunks;
            if (chain.Sharding is { } sharding)
            {
                if (sharding.Inner.Sharding is not null) throw new ArgumentException("Arrays with shards inside shards cannot be converted.");
                sourceShards = source.Chunks;
                innerChunks = sharding.InnerChunks;
                chain = sharding.Inner;
            }
            fortran = chain.Permutation switch
            {
                null => false,
                var p when p.SequenceEqual(Enumerable.Range(0, p.Length).Reverse()) => true,
                var p => throw new ArgumentException($"The transpose order [{string.Join(", ", p)}] has no other form than zarr v3's; only C and F orders convert."),
            };
            objectCodec = chain.ObjectSerializer;
            filters.AddRange(chain.ArrayFilters);
            codecs = [.. chain.BytesCodecs];
            names = v3.DimensionNames;
            encoding = v3.ChunkKeyEncoding;
            separator = source.Separator;
        }
        else
        {
            innerChunks = source.Chunks;
            fortran = source.Order == 'F';
            foreach (var config in source.Filters ?? [])
            {
                var codec = CodecRegistry.Default.Create(config, ".zarray");
                if (codec is ObjectCodec oc && objectCodec is null && filters.Count == 0) objectCodec = oc;
                else filters.Add(codec);
            }
            codecs = source.Compressor is null ? [] : [(BytesCodec)CodecRegistry.Default.Create(source.Compressor, ".zarray")];
        }
        if (chunks is not null) innerChunks = chunks;
        if (compressors is not null) codecs = [.. compressors];
        // Shards stay as they were unless replaced (and go when converting to v2); new inner chunks must divide them.
        var newShards = zarrFormat == 3 ? shards ?? (chunks is null ? sourceShards : null) : null;

        if (zarrFormat == 3)
        {
            var fill = dtype.Kind == DTypeKind.Object ? source.FillValue : source.FillValue is null ? null : RoundTripFill(dtype, source.FillValue);
            if (source.V3 is null)
            {
                encoding = "default";
                separator = '/';
            }
            return V3ArrayBuilder.Build(source.Shape, innerChunks, dtype, objectCodec, filters, fortran, codecs, fill, newShards, encoding, separator, names);
        }

        // zarr v2: filters (the object codec first), then all bytes→bytes codecs but the last, then the compressor.
        var v2Filters = new List<JsonObject>();
        if (objectCodec is not null) v2Filters.Add(objectCodec.GetConfig());
        v2Filters.AddRange(filters.Select(f => f.GetConfig()));
        v2Filters.AddRange(codecs.Take(Math.Max(0, codecs.Count - 1)).Select(c => c.GetConfig()));
        var meta = new ArrayMetadata
        {
            Shape = (long[])source.Shape.Clone(),
            Chunks = (int[])innerChunks.Clone(),
            DType = dtype,
            Compressor = codecs.Count == 0 ? null : codecs[^1].GetConfig(),
            Filters = v2Filters.Count == 0 ? null : v2Filters,
            FillValue = dtype.Kind == DTypeKind.Object || source.FillValue is null ? source.FillValue?.DeepClone() : RoundTripFill(dtype, source.FillValue),
            Order = fortran ? 'F' : 'C',
            DimensionSeparator = source.ZarrFormat == 3 ? (separator == '/' ? '/' : null) : source.DimensionSeparator,
        };
        return ArrayMetadata.FromJson(meta.ToJson(), ".zarray");
    }

    // Through the stored item and back, so that encodings only one format has (v3's hex floats and
    // "NaT") come out in the form both read.
    private static JsonNode? RoundTripFill(ZarrDType dtype, JsonNode fill)
    {
        var item = FillValueCodec.ToBytes(dtype, fill, "fill_value", asCreated: true);
        return FillValueCodec.ToJson(dtype, item, item is null);
    }
}
