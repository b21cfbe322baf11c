using BenchmarkDotNet.Attributes;
using Zarr.Codecs;
using Zarr.Internal;

namespace Zarr.Benchmarks;

/// <summary>Blosc encode and decode of one 4 MiB int32 chunk, single-threaded (as numcodecs is with one thread).</summary>
[MemoryDiagnoser]
public class BloscBenchmarks
{
    private byte[] _data = [];
    private byte[] _destination = [];
    private byte[] _lz4Frame = [];
    private byte[] _zstdFrame = [];
    private PooledBufferWriter _writer = null!;

    private static readonly BloscCodec Lz4Shuffle = new("lz4", 5, BloscShuffle.Shuffle) { Threads = 1 };
    private static readonly BloscCodec ZstdBitShuffle = new("zstd", 3, BloscShuffle.BitShuffle) { Threads = 1 };

    [GlobalSetup]
    public void Setup()
    {
        _data = BenchData.RandomWalkInt32();
        _destination = new byte[_data.Length];
        _writer = new PooledBufferWriter(_data.Length + 64);
        _lz4Frame = Encode(Lz4Shuffle);
        _zstdFrame = Encode(ZstdBitShuffle);
    }

    [GlobalCleanup]
    public void Cleanup() => _writer.Dispose();

    private byte[] Encode(BloscCodec codec)
    {
        _writer.Clear();
        codec.Encode(_data, 4, _writer);
        return _writer.WrittenSpan.ToArray();
    }

    [Benchmark]
    public int Lz4ShuffleEncode()
    {
        _writer.Clear();
        Lz4Shuffle.Encode(_data, 4, _writer);
        return _writer.WrittenCount;
    }

    [Benchmark]
    public int Lz4ShuffleDecode() => Lz4Shuffle.DecodeInto(_lz4Frame, _destination);

    [Benchmark]
    public int ZstdBitShuffleEncode()
    {
        _writer.Clear();
        ZstdBitShuffle.Encode(_data, 4, _writer);
        return _writer.WrittenCount;
    }

    [Benchmark]
    public int ZstdBitShuffleDecode() => ZstdBitShuffle.DecodeInto(_zstdFrame, _destination);
}
