using Zarr.Codecs.Blosc;

namespace Zarr.Runtime.Tests.Blosc;

public class ShuffleTests
{
    public static TheoryData<int> TypeSizes => new(1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 17, 20, 32, 255);

    private static readonly int[] Lengths = [0, 1, 7, 15, 16, 17, 31, 32, 63, 64, 100, 127, 128, 255, 256, 257, 511, 512, 1000, 1024, 4096, 4103, 8192 + 24];

    [Theory]
    [MemberData(nameof(TypeSizes))]
    public void ByteShuffleMatchesTheLayoutAndUnshuffleInvertsIt(int typeSize)
    {
        foreach (var length in Lengths.Append(typeSize * 37).Append(typeSize * 64 + 3))
        {
            var input = BloscTestData.Random(length, length * 31 + typeSize);
            var shuffled = new byte[length];
            ByteShuffle.Shuffle(input, shuffled, typeSize);
            Assert.Equal(BloscTestData.ReferenceShuffle(input, typeSize), shuffled);
            var back = new byte[length];
            ByteShuffle.Unshuffle(shuffled, back, typeSize);
            Assert.Equal(input, back);
        }
    }

    [Theory]
    [MemberData(nameof(TypeSizes))]
    public void UnshufflingSomeItemsGivesTheSameBytesAsUnshufflingTheWholeBlock(int typeSize)
    {
        var rng = new Random(typeSize);
        foreach (var length in Lengths.Append(typeSize * 37).Append(typeSize * 64 + 3).Append(typeSize * 1000))
        {
            var input = BloscTestData.Random(length, length * 13 + typeSize);
            var shuffled = new byte[length];
            ByteShuffle.Shuffle(input, shuffled, typeSize);
            var n = length / typeSize;
            for (var t = 0; t < 20; t++)
            {
                var first = rng.Next(n + 1);
                var count = rng.Next(n - first + 1);
                var part = new byte[count * typeSize + 1];
                part[^1] = 0xA5;
                ByteShuffle.UnshuffleItems(shuffled, n, typeSize, first, count, part);
                Assert.Equal(input.AsSpan(first * typeSize, count * typeSize).ToArray(), part[..^1]);
                Assert.Equal(0xA5, part[^1]); // nothing written past the items
            }
            if (n > 0) Assert.Throws<ArgumentOutOfRangeException>(() => ByteShuffle.UnshuffleItems(shuffled, n, typeSize, n, 1, new byte[typeSize]));
        }
    }

    [Theory]
    [MemberData(nameof(TypeSizes))]
    public void BitShuffleMatchesTheLayoutAndUnshuffleInvertsIt(int typeSize)
    {
        foreach (var length in Lengths.Append(typeSize * 8 * 37).Append(typeSize * 128 + 5).Append(typeSize * 8 * 16 * 3))
        {
            var input = BloscTestData.Random(length, length * 17 + typeSize);
            var shuffled = new byte[length];
            var scratch = new byte[length];
            BitShuffle.Shuffle(input, shuffled, typeSize, scratch);
            Assert.Equal(BloscTestData.ReferenceBitShuffle(input, typeSize), shuffled);
            var back = new byte[length];
            BitShuffle.Unshuffle(shuffled, back, typeSize, scratch);
            Assert.Equal(input, back);
        }
    }

    [Fact]
    public void Transpose8x8IsItsOwnInverseAndMovesBitsAcrossTheDiagonal()
    {
        var rng = new Random(5);
        for (var t = 0; t < 1000; t++)
        {
            var x = (ulong)rng.NextInt64();
            var y = BitShuffle.Transpose8x8(x);
            for (var r = 0; r < 8; r++)
                for (var c = 0; c < 8; c++)
                    Assert.Equal((x >> (8 * r + c)) & 1, (y >> (8 * c + r)) & 1);
            Assert.Equal(x, BitShuffle.Transpose8x8(y));
        }
    }
}
