using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Zarr.Codecs;
using Zarr.DataTypes;
using Zarr.Stores;

namespace Zarr.Runtime.Tests.Hierarchy;

public class ArrayBehaviourTests
{
    private static ArrayOptions Zlib(Action<ArrayOptions>? more = null)
    {
        var o = new ArrayOptions { Compressor = new ZlibCodec(1) };
        more?.Invoke(o);
        return o;
    }

    [Fact]
    public void ScalarAssignmentBroadcasts()
    {
        var z = ZarrArray.Zeros<long>([6, 6], [2, 2], Zlib());
        z[2..4, ..2] = 1;
        Assert.Equal(4, z.Read().Data.Count(v => v == 1));
        Assert.Equal(1, z.GetValue(3, 1));
    }

    [Fact]
    public void MissingChunksReadAsFillValueAndEdgeChunksArePaddedWithFill()
    {
        var store = new MemoryStore();
        var z = ZarrArray.Full<int>([10], 7, [4], Zlib(), store);
        Assert.Equal(Enumerable.Repeat(7, 10), z.Read().Data);
        z.SetValue([9], 1);
        // zarr-python stores chunk 2 as [7, 1, 7, 7]: the padding holds the fill value
        var chunk = new int[4];
        new ZlibCodec().DecodeInto(store.Get("2")!, MemoryMarshal.AsBytes(chunk.AsSpan()));
        Assert.Equal(new[] { 7, 1, 7, 7 }, chunk);
        Assert.Equal(1, z.NChunksInitialized);
    }

    [Fact]
    public void WriteEmptyChunksFalseDeletesChunksEqualToFill()
    {
        var store = new MemoryStore();
        var z = ZarrArray.Zeros<double>([8], [4], Zlib(o => o.WriteEmptyChunks = false), store);
        z[..] = NDArray<double>.From([1, 0, 0, 0, 0, 0, 0, 0], 8);
        Assert.True(store.Contains("0"));
        Assert.False(store.Contains("1"));
        z.SetValue([0], 0);
        Assert.False(store.Contains("0"));
        var nanStore = new MemoryStore();
        var nan = ZarrArray.Full<double>([4], double.NaN, [4], Zlib(o => o.WriteEmptyChunks = false), nanStore, "nan");
        nan[..] = double.NaN;
        Assert.False(nanStore.Contains("nan/0"));
        Assert.Throws<ZarrNodeException>(() => ZarrArray.Zeros<int>([1], null, Zlib(), store, "child"));
    }

    [Fact]
    public void FortranOrderChunksAreColumnMajorOnDisk()
    {
        var store = new MemoryStore();
        var z = ZarrArray.FromArray<byte>(new byte[,] { { 0, 1, 2 }, { 3, 4, 5 } }, [2, 3], new ArrayOptions { Compressor = null, Order = 'F' }, store);
        Assert.Equal(new byte[] { 0, 3, 1, 4, 2, 5 }, store.Get("0.0"));
        Assert.Equal(new byte[] { 0, 1, 2, 3, 4, 5 }, z.Read().Data);
    }

    [Fact]
    public void BigEndianDtypesAreSwapped()
    {
        var store = new MemoryStore();
        var z = ZarrArray.FromArray<short>(new short[] { 1, 258 }, [2], new ArrayOptions { Compressor = null, DType = ">i2" }, store);
        Assert.Equal(new byte[] { 0, 1, 1, 2 }, store.Get("0"));
        Assert.Equal(new short[] { 1, 258 }, z.Read().Data);
        Assert.Equal(">i2", z.DType.ToString());
    }

    [Fact]
    public void UnicodeAndBytesElements()
    {
        var s = ZarrArray.FromArray<string>(new[] { "a", "héllo", "" }, [2], new ArrayOptions { DType = "<U5", Compressor = null });
        Assert.Equal(new[] { "a", "héllo", "" }, s.Read().Data);
        var b = ZarrArray.FromArray<byte[]>(new[] { "ab"u8.ToArray(), [] }, [2], new ArrayOptions { DType = "|S3", Compressor = null });
        Assert.Equal("ab"u8.ToArray(), b.Read().Data[0]);
        Assert.Throws<ArgumentException>(() => s.SetValue([0], "toolong"));
    }

    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    private record struct Point(int X, double Y);

    [Fact]
    public void StructuredDtypeWithABlittableStruct()
    {
        var z = ZarrArray.Create<Point>([3], [2], new ArrayOptions { DType = null, Compressor = null, FillValue = new Point(1, 2.5) }.WithDType("[[\"x\", \"<i4\"], [\"y\", \"<f8\"]]"));
        Assert.Equal(new Point(1, 2.5), z.GetValue(2));
        Assert.Equal("AQAAAAAAAAAAAARA", z.FillValue!.GetValue<string>());
        z.SetValue([1], new Point(-3, 0.5));
        Assert.Equal(new Point(-3, 0.5), z.GetValue(1));
    }

    [Fact]
    public void ZeroDimensionalArrays()
    {
        var store = new MemoryStore();
        var z = ZarrArray.Create<double>([], null, Zlib(), store);
        Assert.Equal(1, z.NChunks);
        z.Set([], 3.5);
        Assert.Equal(3.5, z.Read().ToScalar());
        Assert.True(store.Contains("0"));
        Assert.Equal("()", InfoReport.Tuple(z.Shape));
    }

    [Fact]
    public void ResizeKeepsDataAndDropsChunksOutside()
    {
        var store = new MemoryStore();
        var z = ZarrArray.FromArray<int>(Enumerable.Range(0, 10).ToArray(), [3], Zlib(), store);
        z.Resize(4);
        Assert.Equal(new[] { 0, 1, 2, 3 }, z.Read().Data);
        Assert.False(store.Contains("2"));
        Assert.False(store.Contains("3"));
        z.Resize(6);
        Assert.Equal(new[] { 0, 1, 2, 3, 4, 5 }, z.Read().Data); // chunk 1 kept its old values beyond the old edge
        var y = ZarrArray.Open(store, "r").As<int>();
        Assert.Equal(new long[] { 6 }, y.Shape);
    }

    [Fact]
    public void AppendGrowsAlongAnAxis()
    {
        var z = ZarrArray.FromArray<int>(new int[,] { { 1, 2 }, { 3, 4 } }, [1, 1], Zlib());
        Assert.Equal(new long[] { 3, 2 }, z.Append(new int[,] { { 5, 6 } }));
        Assert.Equal(new long[] { 3, 3 }, z.Append(new int[,] { { 0 }, { 0 }, { 7 } }, axis: 1));
        Assert.Equal(new[] { 1, 2, 0, 3, 4, 0, 5, 6, 7 }, z.Read().Data);
        Assert.Throws<ArgumentException>(() => z.Append(new int[,] { { 1, 2 } }));
    }

    [Fact]
    public void ConversionsToDotNetArraysAndTensors()
    {
        var z = ZarrArray.FromArray<float>(new float[,,] { { { 1, 2 }, { 3, 4 } } }, options: Zlib());
        var nd = z.Read();
        Assert.Equal(4f, ((float[,,])nd)[0, 1, 1]);
        Assert.Equal(3f, ((float[,,])nd.ToMultidimensional())[0, 1, 0]);
        var t = nd.ToTensor();
        Assert.Equal(new nint[] { 1, 2, 2 }, t.Lengths.ToArray());
        NDArray<float> back = t;
        Assert.Equal(nd, back);
        var dest = new float[2];
        z.Get([0, 1, Selector.All], dest);
        Assert.Equal(new[] { 3f, 4f }, dest);
    }

    [Fact]
    public void BasicSelectionErrorsNameTheDimension()
    {
        var z = ZarrArray.Zeros<int>([4, 5], [2, 2], Zlib());
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => z[1, 5]);
        Assert.Contains("dimension 1", e.Message);
        Assert.Throws<ArgumentException>(() => z[1, 2, 3]);
        Assert.Throws<ArgumentException>(() => z[Selector.Slice(0, 4, -1)]);
        Assert.Throws<ArgumentException>(() => z[.., ..] = NDArray<int>.Full(1, 3, 3));
        Assert.Empty(z[3..1, ..].Data);
    }

    [Fact]
    public void ReadOnlyArraysRefuseWrites()
    {
        var store = new MemoryStore();
        ZarrArray.Zeros<int>([4], [2], Zlib(), store);
        var ro = ZarrArray.Open(store, "r").As<int>();
        Assert.True(ro.ReadOnly);
        var e = Assert.Throws<ZarrReadOnlyException>(() => ro[..] = 1);
        Assert.Contains("read-only", e.Message);
        Assert.Throws<ZarrReadOnlyException>(() => ro.Attrs["a"] = 1);
        Assert.Throws<ZarrReadOnlyException>(() => ro.Resize(8));
    }

    [Fact]
    public void WrongElementTypeIsAClearError()
    {
        var z = ZarrArray.Zeros<int>([4], [2], Zlib());
        var e = Assert.Throws<ZarrException>(() => z.As<double>());
        Assert.Contains("int32", e.Message);
        Assert.Contains("Double", e.Message);
    }

    [Fact]
    public void CorruptChunkIsACodecErrorNamingTheKey()
    {
        var store = new MemoryStore();
        var z = ZarrArray.Zeros<int>([4], [2], Zlib(), store, "arr");
        z[..] = 5;
        store.Set("arr/1", [1, 2, 3]);
        var e = Assert.Throws<ZarrCodecException>(() => z.Read());
        Assert.Equal("arr/1", e.ChunkKey);
        Assert.Equal("zlib", e.CodecId);
        var fromCodec = Assert.IsType<ZarrCodecException>(e.InnerException);
        Assert.Contains("at Zarr.Codecs.", fromCodec.StackTrace); // where in the codec it failed
    }

    [Fact]
    public void ChunkKeyIsAddedWithoutLosingTheCodecsStackTrace()
    {
        static void FailInsideTheCodec() => throw new ZarrCodecException("test", null, "broken", new InvalidDataException("root cause"));
        ZarrCodecException original = null!;
        try { FailInsideTheCodec(); }
        catch (ZarrCodecException e) { original = e; }

        var keyed = original.WithChunkKey("a/0.0");
        Assert.Equal("a/0.0", keyed.ChunkKey);
        Assert.Equal("Codec 'test' on chunk 'a/0.0': broken", keyed.Message);
        Assert.Same(original, keyed.InnerException);
        Assert.Contains(nameof(FailInsideTheCodec), original.StackTrace);
        Assert.IsType<InvalidDataException>(original.InnerException);
        Assert.Equal("a/0.0", keyed.WithChunkKey("b/1.1").ChunkKey);
    }
}

internal static class OptionsExtensions
{
    public static ArrayOptions WithDType(this ArrayOptions o, string dtype)
    {
        o.DType = dtype;
        return o;
    }
}
