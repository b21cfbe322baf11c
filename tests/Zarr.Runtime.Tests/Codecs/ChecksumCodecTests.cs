using System.Text;
using Zarr.Codecs;

namespace Zarr.Runtime.Tests.Codecs;

public class ChecksumCodecTests
{
    private static readonly byte[] Check = Encoding.ASCII.GetBytes("123456789");

    [Fact]
    public void Crc32StandardCheckValue()
    {
        Assert.Equal(0xCBF43926u, Crc32Codec.Compute(Check));
        // Every length 0..40 against the bit-by-bit definition (covers the 8-byte fast path and the tail).
        var data = CodecTestHelpers.Sample(40);
        for (var n = 0; n <= data.Length; n++)
        {
            var crc = 0xFFFFFFFFu;
            foreach (var b in data.AsSpan(0, n))
            {
                crc ^= b;
                for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
            Assert.Equal(~crc, Crc32Codec.Compute(data.AsSpan(0, n)));
        }
    }

    [Fact]
    public void Adler32Rfc1950Examples()
    {
        Assert.Equal(1u, Adler32Codec.Compute([]));
        Assert.Equal(0x11E60398u, Adler32Codec.Compute(Encoding.ASCII.GetBytes("Wikipedia")));
        // Long input crosses the 5552-byte folding boundary: compare with a naive modular sum.
        var data = CodecTestHelpers.Sample(20000);
        uint a = 1, b = 0;
        foreach (var x in data) { a = (a + x) % 65521; b = (b + a) % 65521; }
        Assert.Equal((b << 16) | a, Adler32Codec.Compute(data));
    }

    [Fact]
    public void Crc32CSpecificationCheckValueNotInNumcodecs011()
    {
        // CRC-32C (Castagnoli) catalogue check value; numcodecs 0.11 has no crc32c codec to compare with.
        Assert.Equal(0xE3069283u, Crc32CCodec.Compute(Check));
        Assert.Equal(0u, Crc32CCodec.Compute([]));
        // RFC 3720 (iSCSI) B.4: 32 bytes of zeros → 0x8A9136AA, 32 bytes of 0xFF → 0x62A8AB43.
        Assert.Equal(0x8A9136AAu, Crc32CCodec.Compute(new byte[32]));
        Assert.Equal(0x62A8AB43u, Crc32CCodec.Compute(Enumerable.Repeat((byte)0xFF, 32).ToArray()));
    }

    [Fact]
    public void Fletcher32Hdf5VariantWorkedByHandNotInNumcodecs011()
    {
        // Derived from the HDF5 definition: 16-bit big-endian words, odd byte as the high byte.
        // "\x01\x02": sum1 = 0x0102, sum2 = 0x0102.
        Assert.Equal(0x01020102u, Fletcher32Codec.Compute([1, 2]));
        // "abcde": words 0x6162, 0x6364 → sum1 0xC4C6, sum2 0x12628 → fold 0x2629; then 0x6500:
        // sum1 0x129C6 → 0x29C7, sum2 0x14FEF → 0x4FF0.
        Assert.Equal(0x4FF029C7u, Fletcher32Codec.Compute(Encoding.ASCII.GetBytes("abcde")));
        Assert.Equal(0u, Fletcher32Codec.Compute([]));
        // More than 360 words folds between runs: compare with the same sums kept modulo 65535.
        var data = CodecTestHelpers.Sample(2001);
        ulong s1 = 0, s2 = 0;
        for (var i = 0; i + 1 < data.Length; i += 2) { s1 = (s1 + (uint)(data[i] << 8 | data[i + 1])) % 65535; s2 = (s2 + s1) % 65535; }
        s1 = (s1 + (uint)(data[^1] << 8)) % 65535; s2 = (s2 + s1) % 65535;
        var actual = Fletcher32Codec.Compute(data);
        Assert.Equal(s1, (actual & 0xFFFF) % 65535);
        Assert.Equal(s2, (actual >> 16) % 65535);
    }

    [Fact]
    public void JenkinsLookup3ReferenceValuesNotInNumcodecs011()
    {
        // Values printed by the driver of Bob Jenkins' lookup3.c.
        Assert.Equal(0xdeadbeefu, JenkinsLookup3Codec.Compute([], 0));
        Assert.Equal(0xbd5b7ddeu, JenkinsLookup3Codec.Compute([], 0xdeadbeef));
        var four = Encoding.ASCII.GetBytes("Four score and seven years ago");
        Assert.Equal(0x17770551u, JenkinsLookup3Codec.Compute(four, 0));
        Assert.Equal(0xcd628161u, JenkinsLookup3Codec.Compute(four, 1));
    }

    public static TheoryData<string> Ids => new() { "crc32", "adler32", "crc32c", "fletcher32", "jenkins_lookup3" };

    private static Checksum32Codec Create(string id) => (Checksum32Codec)CodecRegistry.Default.Create(new() { ["id"] = id }, "test");

    [Theory]
    [MemberData(nameof(Ids))]
    public void RoundTripsAndPlacesTheChecksum(string id)
    {
        var codec = Create(id);
        foreach (var length in new[] { 0, 1, 3, 1000 })
        {
            var payload = CodecTestHelpers.Sample(length);
            var encoded = codec.Encode(payload);
            Assert.Equal(length + 4, encoded.Length);
            var start = id is "crc32" or "adler32";
            Assert.Equal(start ? ChecksumLocation.Start : ChecksumLocation.End, codec.Location);
            Assert.Equal(payload, start ? encoded[4..] : encoded[..^4]);
            Assert.Equal(payload, codec.Decode(encoded));
            var into = new byte[length + 5];
            Assert.Equal(length, codec.DecodeInto(encoded, into));
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void MismatchNamesStoredAndComputedValues(string id)
    {
        var codec = Create(id);
        var encoded = codec.Encode(Encoding.ASCII.GetBytes("hello zarr"));
        encoded[5] ^= 0x40;
        var e = Assert.Throws<ZarrCodecException>(() => codec.Decode(encoded));
        Assert.Equal(id, e.CodecId);
        Assert.Contains("checksum mismatch", e.Message);
        Assert.Matches("stored .* is 0x[0-9a-f]{8} but the data's is 0x[0-9a-f]{8}", e.Message);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void TooShortInputIsAnError(string id)
    {
        var codec = Create(id);
        Assert.Throws<ZarrCodecException>(() => codec.Decode([]));
        Assert.Throws<ZarrCodecException>(() => codec.Decode([1, 2, 3]));
    }

    [Fact]
    public void LocationIsWrittenOnlyWhenGiven()
    {
        Assert.Equal("""{"id":"crc32"}""", new Crc32Codec().GetConfig().ToJsonString());
        Assert.Equal("CRC32()", new Crc32Codec().ToString());
        var end = (Crc32Codec)CodecRegistry.Default.Create(new() { ["id"] = "crc32", ["location"] = "end" }, "test");
        Assert.Equal(ChecksumLocation.End, end.Location);
        Assert.Equal("""{"id":"crc32","location":"end"}""", end.GetConfig().ToJsonString());
        Assert.Equal("CRC32(location='end')", end.ToString());
        var enc = end.Encode([1, 2, 3]);
        Assert.Equal(new byte[] { 1, 2, 3 }, enc[..3]);
        Assert.Equal("CRC32C()", new Crc32CCodec().ToString());
        Assert.Equal("Fletcher32()", new Fletcher32Codec().ToString());
        Assert.Throws<ZarrCodecException>(() => CodecRegistry.Default.Create(new() { ["id"] = "adler32", ["location"] = "middle" }, "test"));
    }

    [Fact]
    public void JenkinsPrefixIsHashedButNotStored()
    {
        var codec = new JenkinsLookup3Codec(7, [9, 8]);
        var enc = codec.Encode([1, 2, 3]);
        Assert.Equal(JenkinsLookup3Codec.Compute([9, 8, 1, 2, 3], 7), BitConverter.ToUInt32(enc, 3));
        Assert.Equal(new byte[] { 1, 2, 3 }, codec.Decode(enc));
        Assert.Equal("""{"id":"jenkins_lookup3","initval":7,"prefix":[9,8]}""", codec.GetConfig().ToJsonString());
    }
}
