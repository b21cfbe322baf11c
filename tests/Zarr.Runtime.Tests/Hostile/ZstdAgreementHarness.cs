using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Zarr.Codecs;
using Zarr.Internal;

namespace Zarr.Runtime.Tests.Hostile;

/// <summary>
/// Mutates real zstd chunks with a fixed seed and decodes each through libzstd and ZstdSharp
/// (<see cref="ZstdCodec.Decode"/> into a writer bounded by the chunk, and <see cref="ZstdCodec.DecodeInto"/>
/// a chunk-sized buffer), then sorts the inputs on which the two backends disagree.
/// </summary>
internal sealed class ZstdAgreementHarness
{
    private static readonly byte[] InterestingBytes = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0x20, 0x24, 0x40, 0x60, 0xC0, 0x28, 0xB5, 0x2F, 0xFD];

    /// <summary>One encoded chunk of the corpus.</summary>
    public sealed record Sample(string Name, byte[] Decoded, byte[] Frame);

    /// <summary>What one decode did: the bytes it produced, or the exception it threw.</summary>
    public readonly record struct Outcome(string? Digest, int Length, Exception? Error)
    {
        public bool Clean => Error is null or ZarrCodecException;

        public bool SameAs(Outcome other) => Error is null ? other.Error is null && Digest == other.Digest : other.Error is not null;

        public override string ToString() => Error is null ? $"ok {Length} bytes {Digest![..12]}" : $"{Error.GetType().Name}: {Error.Message}";
    }

    /// <summary>A mutated chunk on which the backends disagree (or one threw something else).</summary>
    public sealed record Finding(int Iteration, string Sample, string Mutation, string Path, Outcome Native, Outcome Managed, byte[] Input, bool InHuffmanLiterals)
    {
        public string Class => Native.Error is null && Managed.Error is null ? InHuffmanLiterals ? "different bytes, from corrupt Huffman-coded literals" : "different bytes"
            : Native.Error is null ? "accepted only by libzstd"
            : Managed.Error is null ? "accepted only by ZstdSharp"
            : "not a ZarrCodecException";
    }

    public int Decodes { get; private set; }
    public int Accepted { get; private set; }
    public int Rejected { get; private set; }
    public List<Finding> Findings { get; } = [];

    /// <summary>Chunks written by our encoder through both backends, at several levels, with and without checksum.</summary>
    public static List<Sample> Corpus()
    {
        var samples = new List<Sample>();
        var sizes = new[] { 0, 1, 37, 1000, 4096, 70_000, 200_003 };
        var patterns = new (string Name, Func<int, Random, byte> Byte)[]
        {
            ("text", (i, r) => (byte)"the quick brown fox jumps over the lazy dog 0123456789\n"[(i * 7 + i / 97) % 55]),
            ("ints", (i, r) => (byte)(i % 4 == 0 ? i / 64 % 251 : i % 4 == 1 ? r.Next(4) : 0)),
            ("zeros", (i, r) => 0),
            ("random", (i, r) => (byte)r.Next(256)),
            ("mixed", (i, r) => (byte)(i % 3000 < 1500 ? r.Next(256) : i % 5)),
        };
        foreach (var (name, gen) in patterns)
        {
            foreach (var size in sizes)
            {
                var rng = new Random(size * 31 + name.Length);
                var data = new byte[size];
                for (var i = 0; i < size; i++) data[i] = gen(i, rng);
                foreach (var level in new[] { -5, 1, 3, 12 })
                {
                    foreach (var checksum in new[] { false, true })
                    {
                        foreach (var backend in new[] { CodecBackend.Native, CodecBackend.Managed })
                        {
                            if (backend == CodecBackend.Managed && (level != 3 || size < 1000)) continue; // a few ZstdSharp frames suffice
                            using var w = new PooledBufferWriter();
                            new ZstdCodec(level, checksum, backend).Encode(data, 1, w);
                            samples.Add(new Sample($"{name}/{size}/L{level}/{(checksum ? "ck" : "nock")}/{backend}", data, w.WrittenSpan.ToArray()));
                        }
                    }
                }
            }
        }
        return samples;
    }

    /// <summary>Where a frame's structure lies: its header, each block header and the checksum.</summary>
    public static List<int> StructurePositions(byte[] frame)
    {
        var positions = new List<int>();
        if (frame.Length < 6) return positions;
        var descriptor = frame[4];
        var single = (descriptor & 0x20) != 0;
        var fcs = (descriptor >> 6) switch { 0 => single ? 1 : 0, 1 => 2, 2 => 4, _ => 8 };
        var header = 5 + (single ? 0 : 1) + (descriptor & 3) switch { 0 => 0, 1 => 1, 2 => 2, _ => 4 } + fcs;
        for (var i = 0; i < Math.Min(header, frame.Length); i++) positions.Add(i);
        var p = header;
        while (p + 3 <= frame.Length)
        {
            positions.AddRange([p, p + 1, p + 2]);
            var bh = frame[p] | frame[p + 1] << 8 | frame[p + 2] << 16;
            var size = bh >> 3;
            var content = ((bh >> 1) & 3) == 1 ? 1 : size;
            // The first bytes of a compressed block hold its literals and sequences section headers.
            if (((bh >> 1) & 3) == 2) for (var i = 3; i < Math.Min(8, 3 + content); i++) positions.Add(p + i);
            p += 3 + content;
            if ((bh & 1) != 0) break;
        }
        for (var i = p; i < frame.Length; i++) positions.Add(i);
        return positions;
    }

    /// <summary>One to three mutations of <paramref name="frame"/>, half of them aimed at its structure.</summary>
    public static byte[] Mutate(Random rng, byte[] frame, List<int> structure, IReadOnlyList<Sample> donors, out string description)
    {
        var data = new List<byte>(frame);
        var steps = new List<string>();
        var count = rng.Next(1, 4);
        for (var s = 0; s < count; s++)
        {
            int Pos() => data.Count == 0 ? 0 : rng.Next(2) == 0 && structure.Count > 0 ? Math.Min(structure[rng.Next(structure.Count)], data.Count - 1) : rng.Next(data.Count);
            var op = rng.Next(12);
            var pos = Pos();
            switch (op)
            {
                case 0 or 1 when data.Count > 0:
                    var bit = rng.Next(8);
                    data[pos] ^= (byte)(1 << bit);
                    steps.Add($"flip bit {bit} at {pos}");
                    break;
                case 2 when data.Count > 0:
                    data[pos] = (byte)rng.Next(256);
                    steps.Add($"byte 0x{data[pos]:x2} at {pos}");
                    break;
                case 3 when data.Count > 0:
                    data[pos] = InterestingBytes[rng.Next(InterestingBytes.Length)];
                    steps.Add($"byte 0x{data[pos]:x2} at {pos}");
                    break;
                case 4:
                    var keep = rng.Next(3) == 0 ? Math.Max(0, data.Count - rng.Next(1, 9)) : data.Count == 0 ? 0 : rng.Next(data.Count);
                    data.RemoveRange(keep, data.Count - keep);
                    steps.Add($"truncate to {keep}");
                    break;
                case 5:
                    var add = rng.Next(3) == 0 ? rng.Next(1, 5) : rng.Next(1, 33);
                    for (var i = 0; i < add; i++) data.Add((byte)rng.Next(256));
                    steps.Add($"append {add} bytes");
                    break;
                case 6:
                    var insert = rng.Next(1, 9);
                    data.InsertRange(pos, Enumerable.Range(0, insert).Select(_ => (byte)rng.Next(256)));
                    steps.Add($"insert {insert} bytes at {pos}");
                    break;
                case 7 when data.Count > 0:
                    var remove = Math.Min(rng.Next(1, 9), data.Count - pos);
                    data.RemoveRange(pos, remove);
                    steps.Add($"delete {remove} bytes at {pos}");
                    break;
                case 8 when data.Count > 0:
                    var flips = rng.Next(2, 9);
                    for (var i = 0; i < flips; i++) data[Pos()] ^= (byte)(1 << rng.Next(8));
                    steps.Add($"{flips} bit flips");
                    break;
                case 9 when data.Count >= 4:
                    var at = Math.Min(pos, data.Count - 3);
                    var bh = data[at] | data[at + 1] << 8 | data[at + 2] << 16;
                    bh = rng.Next(4) switch { 0 => bh ^ 1, 1 => bh ^ (rng.Next(4) << 1), 2 => (bh & 7) | (rng.Next(1 << 18) << 3), _ => (bh & 7) | ((bh >> 3) + rng.Next(-3, 4)) << 3 };
                    data[at] = (byte)bh; data[at + 1] = (byte)(bh >> 8); data[at + 2] = (byte)(bh >> 16);
                    steps.Add($"block-header-like 0x{bh & 0xFFFFFF:x6} at {at}");
                    break;
                case 10:
                    if (rng.Next(2) == 0)
                    {
                        var donor = donors[rng.Next(donors.Count)].Frame;
                        data.AddRange(donor);
                        steps.Add($"append a {donor.Length}-byte frame");
                    }
                    else
                    {
                        var skip = new byte[8 + rng.Next(0, 5)];
                        BinaryPrimitives.WriteUInt32LittleEndian(skip, 0x184D2A50u + (uint)rng.Next(16));
                        BinaryPrimitives.WriteUInt32LittleEndian(skip.AsSpan(4), (uint)(skip.Length - 8 + rng.Next(-1, 2)));
                        var where = rng.Next(2) == 0 ? 0 : data.Count;
                        data.InsertRange(where, skip);
                        steps.Add($"skippable frame of {skip.Length} bytes at {where}");
                    }
                    break;
                default:
                    if (data.Count >= 6)
                    {
                        // The frame header descriptor and window descriptor.
                        var which = 4 + rng.Next(2);
                        data[which] ^= (byte)(1 << rng.Next(8));
                        steps.Add($"flip a bit of header byte {which}");
                    }
                    break;
            }
        }
        description = string.Join(", ", steps);
        return [.. data];
    }

    /// <summary>Runs <paramref name="iterations"/> mutations from <paramref name="seed"/>.</summary>
    public void Run(int seed, int iterations)
    {
        var corpus = Corpus();
        var structures = corpus.Select(s => StructurePositions(s.Frame)).ToList();
        var native = new ZstdCodec(3, false, CodecBackend.Native);
        var managed = new ZstdCodec(3, false, CodecBackend.Managed);
        var rng = new Random(seed);
        for (var it = 0; it < iterations; it++)
        {
            var index = rng.Next(corpus.Count);
            var sample = corpus[index];
            var input = Mutate(rng, sample.Frame, structures[index], corpus, out var mutation);
            var size = sample.Decoded.Length;
            Compare(it, sample, mutation, "DecodeInto", input, DecodeInto(native, input, size), DecodeInto(managed, input, size));
            Compare(it, sample, mutation, "Decode", input, Decode(native, input, size), Decode(managed, input, size));
        }
    }

    private void Compare(int iteration, Sample sample, string mutation, string path, byte[] input, Outcome native, Outcome managed)
    {
        Decodes += 2;
        foreach (var o in new[] { native, managed })
        {
            if (o.Error is null) Accepted++;
            else Rejected++;
        }
        if (!native.SameAs(managed) || !native.Clean || !managed.Clean) Findings.Add(new Finding(iteration, sample.Name, mutation, path, native, managed, input, FirstChangeInHuffmanLiterals(sample.Frame, input)));
    }

    /// <summary>
    /// Whether the first byte <paramref name="mutated"/> changes in <paramref name="frame"/> lies in the
    /// Huffman-coded literals (tree description, jump table and streams) of one of its compressed blocks.
    /// </summary>
    public static bool FirstChangeInHuffmanLiterals(byte[] frame, byte[] mutated)
    {
        var first = frame.AsSpan().CommonPrefixLength(mutated);
        if (first >= frame.Length || frame.Length < 6) return false;
        var descriptor = frame[4];
        var single = (descriptor & 0x20) != 0;
        var fcs = (descriptor >> 6) switch { 0 => single ? 1 : 0, 1 => 2, 2 => 4, _ => 8 };
        var p = 5 + (single ? 0 : 1) + (descriptor & 3) switch { 0 => 0, 1 => 1, 2 => 2, _ => 4 } + fcs;
        while (p + 3 <= frame.Length)
        {
            var bh = frame[p] | frame[p + 1] << 8 | frame[p + 2] << 16;
            var type = (bh >> 1) & 3;
            var content = type == 1 ? 1 : bh >> 3;
            var block = p + 3;
            if (type == 2 && (frame[block] & 3) >= 2)
            {
                var sizeFormat = (frame[block] >> 2) & 3;
                var header = sizeFormat switch { 0 or 1 => 3, 2 => 4, _ => 5 };
                var bits = sizeFormat switch { 0 or 1 => 10, 2 => 14, _ => 18 };
                ulong fields = 0;
                for (var i = header - 1; i >= 0; i--) fields = fields << 8 | frame[block + i];
                var compressed = (int)((fields >> (4 + bits)) & ((1UL << bits) - 1));
                if (first >= block + header && first < block + header + compressed) return true;
            }
            p = block + content;
            if ((bh & 1) != 0) break;
        }
        return false;
    }

    private static Outcome DecodeInto(ZstdCodec codec, byte[] input, int size)
    {
        var destination = new byte[size];
        try
        {
            var n = codec.DecodeInto(input, destination);
            return new Outcome(Digest(destination.AsSpan(0, n)), n, null);
        }
        catch (Exception e)
        {
            return new Outcome(null, 0, e);
        }
    }

    private static Outcome Decode(ZstdCodec codec, byte[] input, int size)
    {
        try
        {
            using var w = new PooledBufferWriter(size + 16, size, codec.Id);
            codec.Decode(input, w);
            return new Outcome(Digest(w.WrittenSpan), w.WrittenCount, null);
        }
        catch (Exception e)
        {
            return new Outcome(null, 0, e);
        }
    }

    private static string Digest(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>A report: counts by class and path, and examples with their inputs' first bytes.</summary>
    public string Report(int examplesPerClass = 6)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"decodes {Decodes}, accepted {Accepted}, rejected {Rejected}, disagreements {Findings.Count}");
        foreach (var group in Findings.GroupBy(f => (f.Class, f.Path)).OrderBy(g => g.Key.Class).ThenBy(g => g.Key.Path))
        {
            var checksummed = group.Count(f => f.Sample.Contains("/ck/"));
            sb.AppendLine(CultureInfo.InvariantCulture, $"== {group.Key.Class} ({group.Key.Path}): {group.Count()} ({checksummed} from frames with a checksum)");
            foreach (var f in group.Take(examplesPerClass))
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"  #{f.Iteration} {f.Sample}: {f.Mutation}");
                sb.AppendLine(CultureInfo.InvariantCulture, $"    libzstd:   {f.Native}");
                sb.AppendLine(CultureInfo.InvariantCulture, $"    ZstdSharp: {f.Managed}");
                sb.AppendLine(CultureInfo.InvariantCulture, $"    input ({f.Input.Length} bytes): {Convert.ToHexString(f.Input.AsSpan(0, Math.Min(24, f.Input.Length)))}…{Convert.ToHexString(f.Input.AsSpan(Math.Max(0, f.Input.Length - 8)))}");
            }
        }
        return sb.ToString();
    }
}
