using Zarr.Runtime.Tests.Interop;

namespace Zarr.Cli.Tests;

/// <summary>
/// <c>zarr copy</c> of hierarchies holding zfpy arrays and pickle, json2 and msgpack2 object arrays
/// with dicts and lists (issue 21): before, the copy stopped at "unknown codec id 'zfpy'".
/// </summary>
public sealed class CopyNewCodecsTests
{
    private static readonly Samples S = Samples.Shared;

    [SkippableFact]
    public void ZarrPythonReadsTheCopyOfZfpyAndPickleArrays()
    {
        Python.Require();
        var folder = S.NewFolder();
        Python.Run($$"""
            import zarr, numcodecs, numpy as np
            g = zarr.open_group('{{folder}}/src.zarr', mode='w')
            g.create_dataset('zfp', data=np.linspace(0, 10, 300).reshape(15, 20), chunks=(8, 8), compressor=numcodecs.ZFPY(mode=4, tolerance=1e-3))
            g.create_dataset('zfp_rate', data=np.arange(64, dtype='f4'), chunks=(16,), compressor=numcodecs.ZFPY(mode=2, rate=16))
            items = [{'a': [1, 2]}, [1, 'x', None], (2, 3), 'plain', 2**70, b'\x00\x01']
            for name, codec in [('pickle', numcodecs.Pickle()), ('pickle2', numcodecs.Pickle(protocol=2))]:
                a = g.empty(name, shape=(6,), chunks=(4,), dtype=object, object_codec=codec)
                for i, v in enumerate(items): a[i] = v
            for name, codec in [('json', numcodecs.JSON()), ('msgpack', numcodecs.MsgPack())]:
                a = g.empty(name, shape=(3,), chunks=(2,), dtype=object, object_codec=codec)
                for i, v in enumerate([{'k': [1, {'n': None}]}, [1.5, 'y'], 'z']): a[i] = v
            """);
        Assert.StartsWith("copied 6 arrays", Cli.Ok(folder, "copy", "src.zarr", "copy.zip"));
        var output = Python.Run($$"""
            import zarr, numpy as np
            src = zarr.open_group('{{folder}}/src.zarr', mode='r')
            dst = zarr.open_group(zarr.ZipStore('{{folder}}/copy.zip', mode='r'), mode='r')
            for name in ['zfp', 'zfp_rate', 'pickle', 'pickle2', 'json', 'msgpack']:
                a, b = src[name], dst[name]
                assert a.compressor == b.compressor and a.filters == b.filters, name
                if a.dtype.kind == 'f':
                    # lossy: the copy re-encodes the decoded values, as zarr.copy does
                    assert np.allclose(a[:], b[:], atol=1e-2), name
                else:
                    assert repr(a[:]) == repr(b[:]), (name, repr(a[:]), repr(b[:]))
            print('ok')
            """);
        Assert.Equal("ok\n", output);
        Assert.Equal(Python.Run($"import zarr; print(repr(zarr.open_group('{folder}/src.zarr', mode='r')['pickle'][:]))"), Cli.Ok(folder, "cat", "copy.zip/pickle"));
    }
}
