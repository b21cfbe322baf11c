using System.Buffers;
using System.Text.Json.Nodes;
using Zarr.Codecs;
using Zarr.DataTypes;
using Zarr.Runtime.Tests.Interop;

namespace Zarr.Runtime.Tests.Codecs;

/// <summary>
/// numcodecs <c>pickle</c> (issue 21): every protocol read, and written byte for byte as CPython's
/// pickle writes the same values; hostile pickles refused without running anything.
/// </summary>
public class PickleCodecTests
{
    private static byte[] Encode(ObjectCodec c, object?[] items, params int[] shape)
    {
        var w = new ArrayBufferWriter<byte>();
        c.Encode<object?>(items, shape, w);
        return w.WrittenSpan.ToArray();
    }

    private static object?[] Decode(byte[] bytes, int count)
    {
        var items = new object?[count];
        new PickleCodec().Decode<object?>(bytes, [count], items);
        return items;
    }

    private static string[] AllProtocols => Enumerable.Range(0, 6).Select(p => $$"""{"id": "pickle", "protocol": {{p}}}""").ToArray();

    [SkippableFact]
    public void TheItemModelMatchesNumcodecsInEveryProtocol()
    {
        var failures = ObjectItemModelTests.Check(ObjectItemModelTests.RunNumcodecs(ObjectItemModelTests.PythonItems, AllProtocols));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    // Values only pickle keeps: bytes, big ints, NaN, tuples as keys, a list shared by two items,
    // strings with lone surrogates and every escape protocol 0 needs, and one-character singletons.
    private const string PickleItems = """
        (lambda shared: [
          b'', b'b', b'\x00\xff' * 3, 2**70, -2**70, -2**63 - 1, 2**31, -2**31, 2**31 - 1, 255, 256, 65535, 65536, -1,
          float('nan'), -0.0, 1e300, True, False, None,
          {(1, 'a'): [1], 2.5: b'x', None: ()}, shared, shared, [shared, (shared,)],
          'b', '|', '\u00e9', '\u4e2d', '\U0001f600', '\ud800x', 'back\\slash\x00nul\nlf\rcr\x1asub', 'latin1',
          json.loads('["x", "\u00e9"]'), json.loads('"q"'), (), ((),), list(range(1001)), {str(i): i for i in range(1001)},
        ])([1, 'two'])
        """;

    [SkippableFact]
    public void ValuesOnlyPickleKeepsMatchCPythonInEveryProtocol()
    {
        var failures = ObjectItemModelTests.Check(ObjectItemModelTests.RunNumcodecs(PickleItems, AllProtocols));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [SkippableFact]
    public void LargeChunksFrameAsCPythonDoes()
    {
        // Over 64 KiB of small items (frames cut at the target), and str and bytes of 64 KiB and more (written outside frames).
        const string items = "[('s%d' % i) * 3 for i in range(9000)] + ['x' * 65536, b'y' * 70000, 'z' * 65535, 'w' * 300000]";
        var failures = ObjectItemModelTests.Check(ObjectItemModelTests.RunNumcodecs(items, AllProtocols.Skip(2)));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [SkippableFact]
    public void FortranChunksAndZarrPythonReadWhatWeWrite()
    {
        var dir = Path.Combine(Path.GetTempPath(), "zarr-pickle-" + Guid.NewGuid().ToString("N"));
        try
        {
            var logical = Enumerable.Range(0, 24).Select(k => (object?)$"r{k / 6}c{k % 6}").ToArray();
            foreach (var order in new[] { 'C', 'F' })
            {
                var options = new ArrayOptions { DType = "|O", Filters = [new PickleCodec()], Compressor = null, Order = order, FillValue = null };
                ZarrArray.Open<object>(Path.Combine(dir, "cs" + order), "w", [4, 6], [2, 3], options)[Selector.Ellipsis] = NDArray<object>.From(logical!, [4, 6]);
            }
            var output = Python.Run($$"""
                import zarr, numcodecs, numpy as np
                data = np.array([['r%dc%d' % (i, j) for j in range(6)] for i in range(4)], dtype=object)
                for order in 'CF':
                    z = zarr.open('{{dir}}/py' + order, mode='w', shape=(4, 6), chunks=(2, 3), dtype=object, object_codec=numcodecs.Pickle(), order=order, fill_value=None, compressor=None)
                    z[:] = np.array([[str(x) for x in row] for row in data.tolist()], dtype=object)
                    ours = zarr.open('{{dir}}/cs' + order, mode='r')
                    assert (ours[:] == data).all(), ours[:]
                    print(order, ours.filters[0])
                """);
            Assert.Equal("C Pickle(protocol=5)\nF Pickle(protocol=5)\n", output);
            foreach (var order in new[] { "C", "F" })
                foreach (var key in new[] { "0.0", "0.1", "1.0", "1.1" })
                    Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "py" + order, key)), File.ReadAllBytes(Path.Combine(dir, "cs" + order, key)));
            var read = ZarrArray.Open(Path.Combine(dir, "pyF"), "r").As<string>()[..].Data;
            Assert.Equal(logical.Cast<string>(), read);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void ConfigAndRepr()
    {
        Assert.Equal("""{"id":"pickle","protocol":5}""", new PickleCodec().GetConfig().ToJsonString());
        Assert.Equal("Pickle(protocol=2)", CodecRegistry.Default.Create(new JsonObject { ["id"] = "pickle", ["protocol"] = 2 }, "a").ToString());
        Assert.Throws<ZarrCodecException>(() => CodecRegistry.Default.Create(new JsonObject { ["id"] = "pickle", ["protocol"] = 6 }, "a"));
    }

    // A protocol-2 pickle of an object array whose single item is what `middle` pushes.
    private static byte[] ArrayPickle(string middle)
    {
        var head = "\u0080\u0002cnumpy.core.multiarray\n_reconstruct\nq\u0000cnumpy\nndarray\nq\u0001K\u0000\u0085q\u0002c_codecs\nencode\nq\u0003X\u0001\u0000\u0000\u0000bq\u0004X\u0006\u0000\u0000\u0000latin1q\u0005\u0086q\u0006Rq\u0007\u0087q\u0008Rq\t(K\u0001K\u0001\u0085q\ncnumpy\ndtype\nq\u000bX\u0002\u0000\u0000\u0000O8q\u000c\u0089\u0088\u0087q\rRq\u000e(K\u0003X\u0001\u0000\u0000\u0000|q\u000fNNNJ\u00ff\u00ff\u00ff\u00ffJ\u00ff\u00ff\u00ff\u00ffK?tq\u0010b\u0089]q\u0011(";
        return System.Text.Encoding.Latin1.GetBytes(head + middle + "etq\u0015b.");
    }

    [Fact]
    public void TheHandMadeHeaderReads() => Assert.Equal(["ok"], Decode(ArrayPickle("X\u0002\u0000\u0000\u0000ok"), 1));

    [Theory]
    [InlineData("cos\nsystem\nX\u0004\u0000\u0000\u0000echo\u0085R", "refusing the global 'os.system'")]
    [InlineData("cbuiltins\neval\n", "refusing the global 'builtins.eval'")]
    [InlineData("X\u0002\u0000\u0000\u0000osX\u0006\u0000\u0000\u0000system\u0093", "refusing the global 'os.system'")]
    [InlineData("cnumpy\nndarray\n)\u0081", "instance of a class")]
    [InlineData("(cnumpy\nndarray\no", "instance of a class")]
    [InlineData("\u008f", "set")]
    [InlineData("\u0096\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000x", "bytearray")]
    [InlineData("\u0097", "out-of-band")]
    [InlineData("X\u0001\u0000\u0000\u0000aQ", "persistent id")]
    [InlineData("\u0082\u0001", "extension")]
    [InlineData("h\u0063", "memo entry 99")]
    [InlineData("]q\u0030h\u0030a", "contains itself")]
    [InlineData("}]X\u0001\u0000\u0000\u0000as", "cannot be a dict key")]
    [InlineData("X\u00ff\u00ff\u00ff\u007fab", "bytes needed")]
    [InlineData("\u008b\u0000\u0010\u0000\u0000", "integer of 4096 bytes")]
    [InlineData("cnumpy\ndtype\nX\u0002\u0000\u0000\u0000f8\u0089\u0088\u0087R", "dtype is 'f8'")]
    [InlineData("X\u0002\u0000\u0000\u0000\u00ed\u00a0", "not valid UTF-8")]
    [InlineData("\u00ff", "unknown opcode")]
    public void HostilePicklesAreRefusedWithoutRunningAnything(string middle, string message)
    {
        var e = Assert.Throws<ZarrCodecException>(() => Decode(ArrayPickle(middle), 1));
        Assert.Equal("pickle", e.CodecId);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedPicklesAreCodecErrors()
    {
        var whole = Encode(new PickleCodec(), ["abc", new PythonList { 1L, new PythonDict { { "k", 2.5 } } }], 2);
        for (var n = 0; n < whole.Length; n++)
            Assert.Throws<ZarrCodecException>(() => Decode(whole[..n], 2));
        Assert.Equal(2, Decode(whole, 2).Length);
        Assert.Throws<ZarrCodecException>(() => Decode(whole, 3)); // the chunk holds 2 items, not 3
    }

    [Fact]
    public void DeepNestingAndSharedExpansionAreBounded()
    {
        // 300 nested lists: ] then 299 × (] a) ... built bottom-up with APPEND onto a fresh list each time.
        var deep = string.Concat(Enumerable.Repeat("]", 300)) + string.Concat(Enumerable.Repeat("a", 299));
        Assert.Contains("deeper than", Assert.Throws<ZarrCodecException>(() => Decode(ArrayPickle(deep), 1)).Message);
        // A 1000-character string referenced by a list 1000 times, that list referenced 1000 times: a billion characters from 10 KB.
        var inner = "X\u00e8\u0003\u0000\u0000" + new string('s', 1000) + "q\u00300](" + string.Concat(Enumerable.Repeat("h\u0030", 1000)) + "eq\u00310";
        var bomb = inner + "](" + string.Concat(Enumerable.Repeat("h\u0031", 1000)) + "e";
        Assert.Contains("expand", Assert.Throws<ZarrCodecException>(() => Decode(ArrayPickle(bomb), 1)).Message);
        // Tuples nested deeper than the limit are refused as they are built (hashing them would recurse).
        var tuples = "N" + string.Concat(Enumerable.Repeat("\u0085", 300));
        Assert.Contains("deeper than", Assert.Throws<ZarrCodecException>(() => Decode(ArrayPickle(tuples), 1)).Message);
    }
}
