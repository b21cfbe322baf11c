using System.Diagnostics;
using System.Runtime.CompilerServices;
using Zarr.Codecs;
using Zarr.Stores;

namespace Zarr.Runtime.Tests.Hierarchy;

public class TypedAccessorTests
{
    private static ZarrArray<int> Sequence(long[] shape, int[] chunks)
    {
        var z = ZarrArray.Zeros<int>(shape, chunks, new ArrayOptions { Compressor = new ZlibCodec(1) }, new MemoryStore(), "a");
        var n = (int)shape.Aggregate(1L, (a, b) => a * b);
        z.Set([Selector.Ellipsis], NDArray<int>.From(Enumerable.Range(0, n).ToArray(), shape.Select(s => (int)s).ToArray()));
        return z;
    }

    [Fact]
    public void Rank2ReadsAndWritesMatchTheUntypedArray()
    {
        var z = Sequence([7, 9], [3, 4]);
        var typed = new ZarrArray2D<int>(z);
        var window = typed[1..6, 2..9];
        Assert.Equal(z.Get(1..6, 2..9).To2D(), window);
        Assert.Equal(z.Read().To2D(), typed.Read());
        Assert.Equal(z.GetBlockSelection(1, 1).To2D(), typed.GetBlockSelection(1, 1));

        var value = new int[2, 3] { { -1, -2, -3 }, { -4, -5, -6 } };
        typed[2..4, 0..3] = value;
        Assert.Equal(value, z.Get(2..4, 0..3).To2D());
        var row = typed[4, (0..9).Step(4)];
        Assert.Equal(new[] { z.GetValue(4, 0), z.GetValue(4, 4), z.GetValue(4, 8) }, row);
    }

    [Fact]
    public void Rank5ReadsAndWritesMatchTheUntypedArray()
    {
        var z = Sequence([3, 4, 2, 5, 3], [2, 3, 2, 2, 2]);
        var typed = new ZarrArray5D<int>(z);
        var all = typed.Read();
        var expected = z.Read();
        Assert.Equal(expected.Shape, Enumerable.Range(0, 5).Select(all.GetLength).ToArray());
        Assert.Equal(expected.Data, all.Cast<int>().ToArray());
        Assert.Equal(z.Get(1..3, 0..4, 1..2, 2..5, 0..3).Data, typed[1..3, 0..4, 1..2, 2..5, 0..3].Cast<int>().ToArray());

        var block = new int[1, 2, 2, 1, 3];
        for (var k = 0; k < 12; k++) block[0, k / 6, k / 3 % 2, 0, k % 3] = 1000 + k;
        typed[2..3, 1..3, .., 4..5, ..] = block;
        Assert.Equal(Enumerable.Range(1000, 12).ToArray(), z.Get(2..3, 1..3, .., 4..5, ..).Data);
        typed.Write(all);
        Assert.Equal(expected.Data, z.Read().Data);
    }

    [Fact]
    public void ARankFourReadDropsIndexedDimensions()
    {
        var z = Sequence([2, 3, 4, 5], [1, 2, 3, 4]);
        var typed = new ZarrArray4D<int>(z);
        int[,,] cube = typed[1, .., .., ..];
        Assert.Equal(z.Get(1, .., .., ..).To3D(), cube);
    }

    [Fact]
    public void WrongShapedWritesAreRefused()
    {
        var typed = new ZarrArray2D<int>(Sequence([4, 4], [2, 2]));
        Assert.Throws<ArgumentException>(() => typed[0..2, 0..2] = new int[3, 3]);
        Assert.Throws<ArgumentNullException>(() => typed.Write(null!));
    }

    [Fact]
    public void SelectionsReadIntoCallerMemory()
    {
        var z = Sequence([6, 10], [4, 4]);
        var buffer = new int[40];
        z.Get([1..5, 0..10], buffer.AsMemory(0, 40));
        Assert.Equal(z.Get(1..5, 0..10).Data, buffer);
        var rows = new int[20];
        z.GetOrthogonalSelection([new long[] { 0, 5 }, 0..10], rows.AsMemory());
        Assert.Equal(z.GetOrthogonalSelection(new long[] { 0, 5 }, 0..10).Data, rows);
        Assert.Throws<ArgumentException>(() => z.Get([1..5, 0..10], new int[39].AsMemory()));

        Span<int> span = new int[41];
        z.Get([1..5, 0..10], span[1..]);
        Assert.Equal(z.Get(1..5, 0..10).Data, span[1..].ToArray());
        z.GetOrthogonalSelection([new long[] { 0, 5 }, 0..10], span[..20]);
        Assert.Equal(rows, span[..20].ToArray());
    }

    [Fact]
    public void TypedReadsFillACallersArrayOfTheSelectionsShape()
    {
        var z = Sequence([6, 10], [4, 4]);
        var typed = new ZarrArray2D<int>(z);
        var window = new int[4, 7];
        typed.GetOrthogonalSelection(1..5, 2..9, window);
        Assert.Equal(typed[1..5, 2..9], window);
        var whole = new int[6, 10];
        typed.Read(whole);
        Assert.Equal(z.Read().To2D(), whole);
        var flat = new int[61];
        typed.Read(flat.AsSpan(1));
        Assert.Equal(z.Read().Data, flat[1..]);

        // The same element count in another shape is refused, naming both shapes; nothing is read.
        var transposed = new int[7, 4];
        var error = Assert.Throws<ArgumentException>(() => typed.GetOrthogonalSelection(1..5, 2..9, transposed));
        Assert.Contains("(7, 4)", error.Message, StringComparison.Ordinal);
        Assert.Contains("(4, 7)", error.Message, StringComparison.Ordinal);
        Assert.All(transposed.Cast<int>(), v => Assert.Equal(0, v));
        Assert.Throws<ArgumentException>(() => typed.Read(new int[60].AsSpan(1)));
        Assert.Throws<ArgumentNullException>(() => typed.Read((int[,])null!));

        var z5 = Sequence([3, 4, 2, 5, 3], [2, 3, 2, 2, 2]);
        var typed5 = new ZarrArray5D<int>(z5);
        var part = new int[2, 3, 2, 4, 3];
        typed5.GetOrthogonalSelection(1..3, new long[] { 0, 2, 3 }, .., 1..5, .., part);
        Assert.Equal(typed5.GetOrthogonalSelection(1..3, new long[] { 0, 2, 3 }, .., 1..5, ..), part);

        // With T = long, index arrays still bind to the selection overloads (no ambiguity with a destination).
        var zl = ZarrArray.Zeros<long>([4, 4], [2, 2], new ArrayOptions(), new MemoryStore(), "l");
        var typedLong = new ZarrArray2D<long>(zl);
        var picked = typedLong.GetOrthogonalSelection(new long[] { 0, 3 }, new long[] { 1 });
        Assert.Equal(new long[2, 1], picked);
        var into = new long[2, 1] { { 7 }, { 7 } };
        typedLong.GetOrthogonalSelection(new long[] { 0, 3 }, new long[] { 1 }, into);
        Assert.Equal(new long[2, 1], into);
    }

    [Fact]
    public void StringSelectionsReadIntoACallerSpan()
    {
        var z = ZarrArray.Empty<string>([5], [2], new ArrayOptions(), new MemoryStore(), "s");
        z.Set([Selector.Ellipsis], NDArray<string>.From(["a", "bb", "ccc", "dddd", "eeeee"], 5));
        var words = new string[3];
        z.Get([1..4], words.AsSpan());
        Assert.Equal(["bb", "ccc", "dddd"], words);
    }

    [SkippableFact]
    public void ZarrArrayRanksIsWhatItsScriptWrites()
    {
        var root = RepositoryRoot();
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var output = Path.Combine(Path.GetTempPath(), "zarr-ranks-" + Guid.NewGuid().ToString("N") + ".g.cs");
        try
        {
            var psi = new ProcessStartInfo(python, [Path.Combine(root, "scripts", "gen-typed-arrays.py"), output])
            {
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            Process? p;
            try { p = Process.Start(psi); }
            catch (System.ComponentModel.Win32Exception e) { Skip.If(true, "no python3 to run the script: " + e.Message); return; }
            using (p)
            {
                var error = p!.StandardError.ReadToEnd();
                Assert.True(p.WaitForExit(60_000), "the script did not finish");
                Assert.True(p.ExitCode == 0, error);
            }
            var committed = File.ReadAllText(Path.Combine(root, "src", "Zarr.Runtime", "Hierarchy", "Typed", "ZarrArrayRanks.g.cs"));
            Assert.True(committed == File.ReadAllText(output),
                "ZarrArrayRanks.g.cs differs from what scripts/gen-typed-arrays.py writes: run the script and commit its output.");
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static string RepositoryRoot([CallerFilePath] string file = "")
    {
        var dir = Path.GetDirectoryName(file)!;
        while (!File.Exists(Path.Combine(dir, "Zarr.Typed.sln"))) dir = Path.GetDirectoryName(dir)!;
        return dir;
    }
}
