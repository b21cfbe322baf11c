using System.Buffers;
using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Zarr.Codecs;

/// <summary>
/// The shared body of the deflate-based numcodecs compressors (<c>zlib</c>, <c>gzip</c>), which differ
/// only in the container around the deflate data: one level parameter, encode and decode through the
/// System.IO.Compression stream of the container, and decoding straight into a destination.
/// </summary>
/// <remarks>
/// Both containers end with a checksum of the decoded data (zlib: Adler-32, gzip: CRC-32), which is
/// only checked once the stream has been read to its end. So a read that needs part of a chunk still
/// inflates all of it: stopping early would return corrupt bytes where zarr-python raises
/// "incorrect data check".
/// </remarks>
public abstract class DeflateFamilyCodec : BytesCodec
{
    /// <summary>Creates the codec with a compression level 0–9.</summary>
    protected DeflateFamilyCodec(int level, string name)
    {
        if (level is < 0 or > 9) throw new ArgumentOutOfRangeException(nameof(level), level, $"{name} level must be 0..9");
        Level = level;
    }

    /// <summary>The compression level.</summary>
    public int Level { get; }

    /// <summary>The container's name in error messages ("zlib", "gzip").</summary>
    protected abstract string FormatName { get; }

    /// <summary>The container's compressing stream over <paramref name="inner"/>.</summary>
    protected abstract Stream Compressor(Stream inner, ZLibCompressionOptions options);

    /// <summary>The container's decompressing stream over <paramref name="inner"/>.</summary>
    protected abstract Stream Decompressor(Stream inner);

    /// <inheritdoc />
    public override JsonObject GetConfig() => new() { ["id"] = Id, ["level"] = Level };

    /// <inheritdoc />
    public override void Encode(ReadOnlySpan<byte> input, int itemSize, IBufferWriter<byte> output)
    {
        using var ms = new MemoryStream(input.Length / 2 + 64);
        using (var z = Compressor(ms, new ZLibCompressionOptions { CompressionLevel = Level }))
        {
            z.Write(input);
        }
        output.Write(ms.GetBuffer().AsSpan(0, (int)ms.Length));
    }

    /// <inheritdoc />
    public override void Decode(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        using var session = new Inflation(this, input);
        try { StreamCodecHelper.Drain(session.Stream, output); }
        catch (Exception e) when (e is InvalidDataException or IOException) { throw Invalid(e); }
    }

    /// <inheritdoc />
    public override int DecodeInto(ReadOnlySpan<byte> input, Span<byte> destination)
    {
        using var session = new Inflation(this, input);
        try { return StreamCodecHelper.DrainInto(session.Stream, destination, m => Error(m)); }
        catch (Exception e) when (e is InvalidDataException or IOException) { throw Invalid(e); }
    }

    private ZarrCodecException Invalid(Exception e) => Error($"invalid {FormatName} stream: " + e.Message, e);

    // The compressed bytes pinned in a pooled buffer, and the container's decompressing stream over them.
    private readonly struct Inflation : IDisposable
    {
        private readonly UnmanagedMemoryStream _source;
        private readonly System.Runtime.InteropServices.GCHandle _pin;
        private readonly byte[] _rented;

        public Inflation(DeflateFamilyCodec codec, ReadOnlySpan<byte> input)
        {
            _source = StreamCodecHelper.OverSpan(input, out _pin, out _rented);
            Stream = codec.Decompressor(_source);
        }

        public Stream Stream { get; }

        public void Dispose()
        {
            Stream.Dispose();
            _source.Dispose();
            _pin.Free();
            ArrayPool<byte>.Shared.Return(_rented);
        }
    }
}
