namespace Zarr.Codecs;

/// <summary>Where a 32-bit checksum codec stores its 4-byte little-endian checksum.</summary>
public enum ChecksumLocation
{
    /// <summary>Before the payload (numcodecs' crc32 and adler32; the only layout numcodecs 0.11 knows).</summary>
    Start,
    /// <summary>After the payload (crc32c, fletcher32, jenkins_lookup3, and the zarr v3 crc32c codec).</summary>
    End,
}
