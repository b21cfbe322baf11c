using System.Globalization;
using System.Text;
using Zarr.Codecs;
using Xunit.Abstractions;
using Zarr.Runtime.Tests.Interop;

namespace Zarr.Runtime.Tests.Blosc;

/// <summary>
/// Debian's numcodecs 0.11 (c-blosc 1.21.3, with all six inner codecs) is the judge: frames it writes
/// must decode bit-exactly here, frames written here must decode there to the same bytes, and our
/// headers must equal its headers for the same settings.
/// </summary>
public class BloscInteropTests(ITestOutputHelper output)
{
    private static readonly int[] TypeSizes = [1, 2, 3, 4, 8, 16, 20, 300];
    private static readonly int[] Clevels = [0, 1, 5, 9];
    private static readonly int[] NumcodecsShuffles = [-1, 0, 1, 2];

    [SkippableFact]
    public void NumcodecsHasEveryInnerCodec()
    {
        var names = Python.Run("import numcodecs.blosc as nb; print(','.join(nb.list_compressors()))").Trim();
        Assert.Equal(string.Join(",", BloscCodec.CompressorNames), names);
    }

    [SkippableFact]
    public void EveryCnameShuffleTypesizeAndLevelDecodesBothWaysWithMatchingHeaders()
    {
        Python.Require();
        var batch = new NumcodecsBatch();
        var seed = 0;
        foreach (var cname in BloscTestData.Cnames)
        foreach (var shuffle in NumcodecsShuffles)
        foreach (var t in TypeSizes)
        foreach (var clevel in Clevels)
        foreach (var items in new[] { 1, 37, (128 + t - 1) / t, 20011 / t })
        foreach (var blocksize in new[] { 0, 256 })
        {
            var input = seed % 5 == 4 ? BloscTestData.Random(items * t, seed) : BloscTestData.Smooth(items * t, t, seed);
            seed++;
            var codec = new BloscCodec(cname, clevel, (BloscShuffle)shuffle, blocksize) { Threads = 1 };
            batch.Add(new(cname, clevel, shuffle, blocksize, t, input, BloscTestData.Encode(codec, input, t)));
        }
        Check(batch, compareHeaders: true);
    }

    [SkippableFact]
    public void LargeChunksWithManyBlocksAndALeftoverDecodeBothWays()
    {
        Python.Require();
        var batch = new NumcodecsBatch();
        var seed = 100;
        foreach (var cname in BloscTestData.Cnames)
        foreach (var (shuffle, t) in new[] { (1, 4), (2, 8), (0, 2), (2, 1) })
        {
            var input = BloscTestData.Smooth(1_100_000 + 4 * t, t, seed++);
            // Several threads: blocks finish in any order here, but are still written in order.
            var codec = new BloscCodec(cname, 5, (BloscShuffle)shuffle) { Threads = 4, ParallelThreshold = 1 };
            batch.Add(new(cname, 5, shuffle, 0, t, input, BloscTestData.Encode(codec, input, t)));
        }
        Check(batch, compareHeaders: true);
    }

    private const byte BloscMemcpyed = 0x02;

    private void Check(NumcodecsBatch batch, bool compareHeaders)
    {
        var results = batch.Run();
        var failures = new List<string>();
        var identical = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var memcpyDiffers = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < results.Count; i++)
        {
            var c = batch.Cases[i];
            var r = results[i];
            var name = $"{c.Cname} clevel={c.Clevel} shuffle={c.Shuffle} blocksize={c.Blocksize} typesize={c.TypeSize} n={c.Input.Length}";
            var theirs = r.Theirs!;
            try
            {
                var decoded = BloscTestData.Decode(new BloscCodec { Threads = 1 }, theirs);
                if (!decoded.AsSpan().SequenceEqual(c.Input)) failures.Add($"{name}: numcodecs frame decodes to different bytes here");
                var into = new byte[c.Input.Length];
                new BloscCodec().DecodeInto(theirs, into);
                if (!into.AsSpan().SequenceEqual(c.Input)) failures.Add($"{name}: DecodeInto differs");
            }
            catch (ZarrCodecException e)
            {
                failures.Add($"{name}: numcodecs frame rejected: {e.Message}");
            }
            if (c.Input.Length > 0)
            {
                // numcodecs 0.11 cannot decode an empty buffer (blosc_decompress returns 0, read as an error).
                if (r.OursError is not null) failures.Add($"{name}: numcodecs rejects our frame: {r.OursError}");
                else if (!r.OursDecoded.AsSpan().SequenceEqual(c.Input)) failures.Add($"{name}: numcodecs decodes our frame to different bytes");
            }
            // Every header field must match, except that whether a frame ends up stored raw (memcpyed,
            // flag 0x02) depends on how well each side's inner encoder did on that input.
            var ours = c.Ours!.AsSpan(0, 12).ToArray();
            var expected = theirs.AsSpan(0, 12).ToArray();
            if ((ours[2] ^ expected[2]) == BloscMemcpyed)
            {
                memcpyDiffers[c.Cname] = memcpyDiffers.GetValueOrDefault(c.Cname) + 1;
                ours[2] = expected[2];
            }
            if (compareHeaders && !ours.AsSpan().SequenceEqual(expected))
                failures.Add($"{name}: header {Convert.ToHexString(c.Ours.AsSpan(0, 12))} differs from numcodecs' {Convert.ToHexString(theirs.AsSpan(0, 12))}");
            if (c.Ours.AsSpan().SequenceEqual(theirs)) identical[c.Cname] = identical.GetValueOrDefault(c.Cname) + 1;
        }
        var report = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"{failures.Count} failures in {results.Count} cases; byte-identical frames: {string.Join(", ", identical)}; stored raw on one side only: {string.Join(", ", memcpyDiffers)}");
        output.WriteLine(report.ToString());
        foreach (var f in failures.Take(40)) report.AppendLine(f);
        Assert.True(failures.Count == 0, report.ToString());
    }
}
