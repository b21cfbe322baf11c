namespace Zarr.Codecs;

/// <summary>
/// The LZ4 block format's rules as liblz4's bounds-checked decoder (<c>LZ4_decompress_safe</c>)
/// enforces them, checked without decoding: a match offset of 0 or reaching before the start of the
/// output, runs past either buffer, a last sequence that is not literals only, and matches in the
/// last bytes of the block (LZ4 Block Format, "End of block conditions": the last 5 bytes are always
/// literals, and the last match starts at least 12 bytes before the end). The managed decoder is
/// more lenient (it copies input bytes for an offset of 0), so the managed path checks a block here
/// first: both decoders then accept and reject the same blocks.
/// </summary>
internal static class Lz4BlockRules
{
    private const int MinMatch = 4;
    private const int LastLiterals = 5;
    private const int MfLimit = 12;

    /// <summary>
    /// True when <paramref name="input"/> is a valid block that decodes to exactly
    /// <paramref name="outputLength"/> bytes: checked without bounds-checked indexing, for the decode path (from a tenth of liblz4's decode time on long matches to as long as the decode on runs of 4-byte matches).
    /// </summary>
    /// <param name="input">The block.</param>
    /// <param name="outputLength">Its decoded size.</param>
    /// <param name="checkedPrefix">
    /// When a caller decodes only this many leading bytes (a partial decode), the walk stops once
    /// they are covered: what lies beyond is neither decoded nor judged.
    /// </param>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static unsafe bool IsValid(ReadOnlySpan<byte> input, int outputLength, int checkedPrefix = int.MaxValue)
    {
        if (input.Length == 0) return false;
        fixed (byte* start = input)
        {
            var ip = start;
            var end = start + input.Length;
            var safeEnd = end - (2 + 1 + LastLiterals);
            long op = 0;
            long matchLimit = (long)outputLength - LastLiterals;
            long literalLimit = (long)outputLength - MfLimit;
            while (ip < end)
            {
                uint token = *ip++;
                long literals = token >> 4;
                if (literals == 15)
                {
                    uint b;
                    do
                    {
                        if (ip >= end) return false;
                        b = *ip++;
                        literals += b;
                    } while (b == 255);
                }
                if (literals > end - ip) return false;
                ip += literals;
                op += literals;
                if (op >= checkedPrefix) return op <= outputLength;
                if (op > literalLimit || ip > safeEnd) return ip == end && op == outputLength;
                uint offset = (uint)(ip[0] | ip[1] << 8);
                ip += 2;
                if (offset == 0 || offset > op) return false;
                long length = token & 15;
                if (length == 15)
                {
                    uint b;
                    do
                    {
                        if (ip >= end - LastLiterals) return false;
                        b = *ip++;
                        length += b;
                    } while (b == 255);
                }
                op += length + MinMatch;
                if (op >= checkedPrefix) return op <= outputLength;
                if (op > matchLimit) return false;
            }
            return false;
        }
    }
}
