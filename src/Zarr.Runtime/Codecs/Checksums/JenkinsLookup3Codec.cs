using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;

namespace Zarr.Codecs;

/// <summary>
/// numcodecs <c>jenkins_lookup3</c> (numcodecs ≥ 0.14): Bob Jenkins' lookup3 <c>hashlittle</c> as HDF5
/// uses it, stored as a 4-byte little-endian suffix. Optional <see cref="Prefix"/> bytes are hashed
/// before the payload but not stored. Debian's numcodecs 0.11 does not know this id.
/// </summary>
public sealed class JenkinsLookup3Codec : Checksum32Codec
{
    /// <summary>The codec id.</summary>
    public const string CodecId = "jenkins_lookup3";

    private readonly byte[]? _prefix;

    /// <summary>Creates the codec with a seed and optional prefix bytes.</summary>
    public JenkinsLookup3Codec(uint initVal = 0, byte[]? prefix = null) : base(null, ChecksumLocation.End)
    {
        InitVal = initVal;
        _prefix = prefix?.ToArray();
    }

    /// <summary>Creates the codec from its JSON configuration (<c>prefix</c> as null or a list of byte values).</summary>
    public static JenkinsLookup3Codec FromConfig(JsonObject config)
    {
        var init = config["initval"] is JsonValue v && v.TryGetValue<long>(out var l) ? l : 0;
        if (init is < 0 or > uint.MaxValue) throw new ArgumentException($"parameter 'initval' must be 0..{uint.MaxValue}");
        byte[]? prefix = config["prefix"] switch
        {
            null => null,
            JsonArray a => a.Select(x => x is JsonValue b && b.TryGetValue<long>(out var n) && n is >= 0 and <= 255 ? (byte)n
                : throw new ArgumentException("parameter 'prefix' must be a list of byte values")).ToArray(),
            _ => throw new ArgumentException("parameter 'prefix' must be null or a list of byte values"),
        };
        return new((uint)init, prefix);
    }

    /// <summary>The hash seed.</summary>
    public uint InitVal { get; }

    /// <summary>Bytes hashed before the payload (not stored), or null.</summary>
    public ReadOnlyMemory<byte>? Prefix => _prefix;

    /// <inheritdoc />
    public override string Id => CodecId;

    /// <inheritdoc />
    public override JsonObject GetConfig() => new()
    {
        ["id"] = Id,
        ["initval"] = InitVal,
        ["prefix"] = _prefix is null ? null : new JsonArray(_prefix.Select(b => (JsonNode?)JsonValue.Create((int)b)).ToArray()),
    };

    /// <inheritdoc />
    protected override uint ComputeChecksum(ReadOnlySpan<byte> payload)
    {
        if (_prefix is null || _prefix.Length == 0) return Compute(payload, InitVal);
        var rented = ArrayPool<byte>.Shared.Rent(_prefix.Length + payload.Length);
        try
        {
            _prefix.CopyTo(rented, 0);
            payload.CopyTo(rented.AsSpan(_prefix.Length));
            return Compute(rented.AsSpan(0, _prefix.Length + payload.Length), InitVal);
        }
        finally { ArrayPool<byte>.Shared.Return(rented); }
    }

    /// <summary>lookup3 <c>hashlittle</c> of <paramref name="data"/> with seed <paramref name="initVal"/> (byte-wise reads).</summary>
    public static uint Compute(ReadOnlySpan<byte> data, uint initVal = 0)
    {
        uint a, b, c;
        a = b = c = unchecked(0xdeadbeefu + (uint)data.Length + initVal);
        while (data.Length > 12)
        {
            a += Word(data, 0);
            b += Word(data, 4);
            c += Word(data, 8);
            Mix(ref a, ref b, ref c);
            data = data[12..];
        }
        if (data.Length == 0) return c;
        // The last 1..12 bytes, zero-padded, in the same little-endian words.
        Span<byte> tail = stackalloc byte[12];
        tail.Clear();
        data.CopyTo(tail);
        a += Word(tail, 0);
        b += Word(tail, 4);
        c += Word(tail, 8);
        Final(ref a, ref b, ref c);
        return c;
    }

    private static uint Word(ReadOnlySpan<byte> d, int i) => (uint)(d[i] | d[i + 1] << 8 | d[i + 2] << 16 | d[i + 3] << 24);

    private static void Mix(ref uint a, ref uint b, ref uint c)
    {
        a -= c; a ^= BitOperations.RotateLeft(c, 4); c += b;
        b -= a; b ^= BitOperations.RotateLeft(a, 6); a += c;
        c -= b; c ^= BitOperations.RotateLeft(b, 8); b += a;
        a -= c; a ^= BitOperations.RotateLeft(c, 16); c += b;
        b -= a; b ^= BitOperations.RotateLeft(a, 19); a += c;
        c -= b; c ^= BitOperations.RotateLeft(b, 4); b += a;
    }

    private static void Final(ref uint a, ref uint b, ref uint c)
    {
        c ^= b; c -= BitOperations.RotateLeft(b, 14);
        a ^= c; a -= BitOperations.RotateLeft(c, 11);
        b ^= a; b -= BitOperations.RotateLeft(a, 25);
        c ^= b; c -= BitOperations.RotateLeft(b, 16);
        a ^= c; a -= BitOperations.RotateLeft(c, 4);
        b ^= a; b -= BitOperations.RotateLeft(a, 14);
        c ^= b; c -= BitOperations.RotateLeft(b, 24);
    }

    /// <inheritdoc />
    public override string ToString() =>
        "JenkinsLookup3(initval=" + InitVal.ToString(CultureInfo.InvariantCulture) + ", prefix="
        + (_prefix is null ? "None" : "array([" + string.Join(", ", _prefix) + "], dtype=uint8)") + ")";
}
