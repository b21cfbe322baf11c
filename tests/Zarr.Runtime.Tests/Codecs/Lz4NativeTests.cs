using System.Globalization;
using K4os.Compression.LZ4;
using Zarr.Codecs;
using Zarr.Internal;
using Zarr.Runtime.Tests.Interop;

namespace Zarr.Runtime.Tests.Codecs;

public class Lz4NativeTests
{
    [Fact]
    public void NativeLiblz4IsFoundOnThisMachine() => Assert.True(NativeLz4.IsAvailable, "liblz4.so.1 should be present (Debian's liblz4-1)");

    [Fact]
    public void NativeAndManagedDecodersAgreeOnValidAndCorruptBlocks()
    {
        var rng = new Random(3);
        var data = new byte[200_003];
        for (var i = 0; i < data.Length; i++) data[i] = (byte)(i % 509 < 200 ? i / 256 : rng.Next(256));
        var encoded = new byte[LZ4Codec.MaximumOutputSize(data.Length)];
        var n = LZ4Codec.Encode(data, encoded, LZ4Level.L00_FAST);
        var block = encoded.AsSpan(0, n).ToArray();
        foreach (var backend in new[] { CodecBackend.Native, CodecBackend.Managed })
        {
            var back = new byte[data.Length];
            Assert.Equal(data.Length, NativeLz4.Decode(block, back, backend));
            Assert.Equal(data, back);
            Assert.True(NativeLz4.Decode(block, new byte[data.Length - 1], backend) < 0, "a block that does not fit is an error");
            Assert.True(NativeLz4.Decode(block.AsSpan(0, block.Length / 2), back, backend) < 0, "a cut block is an error");
            var corrupt = (byte[])block.Clone();
            for (var i = 10; i < corrupt.Length; i += 97) corrupt[i] = 0xFF;
            var result = NativeLz4.Decode(corrupt, back, backend);
            Assert.True(result < 0 || result <= back.Length);
        }
    }

    [Fact]
    public void PrefixDecodesAgreeBetweenBackends()
    {
        // Blosc decodes only the prefix of an LZ4 stream a run needs; liblz4 stops early, K4os decodes it whole.
        var data = new byte[100_000];
        for (var i = 0; i < data.Length; i++) data[i] = (byte)(i / 3 % 251);
        var encoded = new byte[LZ4Codec.MaximumOutputSize(data.Length)];
        var block = encoded.AsSpan(0, LZ4Codec.Encode(data, encoded, LZ4Level.L00_FAST)).ToArray();
        foreach (var prefix in new[] { 0, 1, 4096, 50_001, data.Length })
        {
            foreach (var backend in new[] { CodecBackend.Native, CodecBackend.Managed })
            {
                var output = new byte[data.Length];
                Assert.True(NativeLz4.TryDecodePrefix(block, output, prefix, backend));
                Assert.Equal(data.AsSpan(0, prefix).ToArray(), output.AsSpan(0, prefix).ToArray());
            }
        }
    }

    [Theory]
    [InlineData(CodecBackend.Native, CodecBackend.Managed)]
    [InlineData(CodecBackend.Managed, CodecBackend.Native)]
    public void CodecInstancesWithDifferentBackendsReadEachOther(CodecBackend encodeWith, CodecBackend decodeWith)
    {
        var data = new byte[50_000];
        for (var i = 0; i < data.Length; i++) data[i] = (byte)(i % 97 < 40 ? i / 100 : i * 31);
        using var encoded = new PooledBufferWriter();
        new Lz4Codec(1, encodeWith).Encode(data, 1, encoded);
        var back = new byte[data.Length];
        Assert.Equal(data.Length, new Lz4Codec(1, decodeWith).DecodeInto(encoded.WrittenSpan, back));
        Assert.Equal(data, back);
    }

    [SkippableFact]
    public void AccelerationIsAppliedAndGivesNumcodecsBytes()
    {
        Python.Require();
        var rng = new Random(3);
        var data = new byte[4 * 200_000];
        for (var i = 0; i < 200_000; i++) BitConverter.TryWriteBytes(data.AsSpan(4 * i), i / 7 + rng.Next(4));
        var file = Path.Combine(Path.GetTempPath(), "zarr-lz4-accel-" + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(file, data);
        try
        {
            var hashes = Python.Run($$"""
import hashlib, numpy as np
from numcodecs import LZ4
a = np.fromfile({{"'" + file + "'"}}, dtype='<i4')
for acc in (1, 10, 100):
    print(acc, hashlib.sha256(LZ4(acceleration=acc).encode(a)).hexdigest())
""").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var sizes = new List<int>();
            foreach (var line in hashes)
            {
                var parts = line.Split(' ');
                var codec = new Lz4Codec(int.Parse(parts[0], CultureInfo.InvariantCulture), CodecBackend.Native);
                using var encoded = new PooledBufferWriter();
                codec.Encode(data, 4, encoded);
                Assert.Equal(parts[1], Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(encoded.WrittenSpan)));
                sizes.Add(encoded.WrittenCount);
                var back = new byte[data.Length];
                Assert.Equal(data.Length, codec.DecodeInto(encoded.WrittenSpan, back));
                Assert.Equal(data, back);
            }
            Assert.Equal(3, sizes.Count);
            Assert.True(sizes[0] < sizes[1] && sizes[1] < sizes[2], "a higher acceleration compresses less: " + string.Join(", ", sizes));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
