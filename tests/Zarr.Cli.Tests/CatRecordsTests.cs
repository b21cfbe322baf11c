using Zarr.Runtime.Tests.Interop;

namespace Zarr.Cli.Tests;

/// <summary>
/// <c>zarr cat</c> of structured arrays prints records as NumPy does (issue 21), not <c>System.Byte[]</c>:
/// judged against zarr-python's own repr of the same selection.
/// </summary>
public sealed class CatRecordsTests
{
    private static readonly Samples S = Samples.Shared;

    [SkippableFact]
    public void CatPrintsRecordsAsNumpyDoes()
    {
        Python.Require();
        var folder = S.NewFolder();
        var cases = new (string Name, string Selection)[]
        {
            ("simple", "..."), ("simple", "1:"), ("one", "..."), ("nested", "..."), ("grid", "..."), ("grid", "1,0:2"), ("zero", "..."),
        };
        var output = Python.Run($$"""
            import zarr, numpy as np
            g = zarr.open_group('{{folder}}/rec.zarr', mode='w')
            simple = np.array([(1.5, 2, b'ab', True), (0.0, 0, b'', False), (-3.25, 100000, b'\xff\x00', True)],
                              dtype=[('x', '<f8'), ('n', '<i4'), ('s', 'S2'), ('ok', '?')])
            g.create_dataset('simple', data=simple, chunks=2)
            g.create_dataset('one', data=np.array([(1.5,), (2.0,)], dtype=[('a', '<f8')]))
            nested = np.array([((1, 2), [1.5, 2.5, -1.0], 'é', np.datetime64('2020-01-01', 'D'), 7, b'\x01\x02\x03')],
                              dtype=[('a', [('p', '<i2'), ('q', 'u1')]), ('v', '<f4', (3,)), ('u', '<U2'), ('d', '<M8[D]'), ('t', '>m8[s]'), ('raw', 'V3')])
            g.create_dataset('nested', data=np.concatenate([nested, nested]))
            grid = np.zeros((3, 4), dtype=[('a', '<i8'), ('b', '<f4', (2, 2))])
            grid['a'] = np.arange(12).reshape(3, 4) * 1000
            grid['b'][1, 1] = [[0.5, 1e-5], [3, 4]]
            g.create_dataset('grid', data=grid, chunks=(2, 3))
            g.create_dataset('zero', data=np.array((True, 3), dtype=[('a', '?'), ('b', '<u2')]))
            sels = {{"["}}{{string.Join(", ", cases.Select(c => $"('{c.Name}', '{c.Selection}')"))}}{{"]"}}
            for name, sel in sels:
                a = g[name]
                idx = tuple(Ellipsis if p == '...' else (slice(*[int(x) if x else None for x in p.split(':')]) if ':' in p else int(p)) for p in sel.split(','))
                print(repr(a[idx]))
                print('----')
            """);
        var expected = output.Split("----\n");
        for (var i = 0; i < cases.Length; i++)
        {
            var (name, selection) = cases[i];
            Assert.Equal(expected[i], Cli.Ok(folder, "cat", "rec.zarr/" + name, selection));
        }
    }
}
