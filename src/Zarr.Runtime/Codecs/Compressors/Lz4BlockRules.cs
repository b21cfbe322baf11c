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
    /// <paramref name="outputLength"/> bytes: the same walk as <see cref="Check"/> without bounds-checked
    /// indexing, for the decode path (from a tenth of liblz4's decode time on long matches to as long as the decode on runs of 4-byte matches).
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

    /// <summary>
    /// Null when <paramref name="input"/> is a valid block that decodes to exactly
    /// <paramref name="outputLength"/> bytes; otherwise what is wrong with it.
    /// </summary>
    public static string? Check(ReadOnlySpan<byte> input, int outputLength)
    {
        long ip = 0, op = 0;
        var end = input.Length;
        if (end == 0) return "the block is empty";
        while (true)
        {
            if (ip >= end) return "the block ends without a last literal run";
            var token = input[(int)ip++];
            long literals = token >> 4;
            if (literals == 15)
            {
                byte b;
                do
                {
                    if (ip >= end) return "a literal length runs past the end of the block";
                    b = input[(int)ip++];
                    literals += b;
                } while (b == 255);
            }
            var literalsEnd = op + literals;
            var inputEnd = ip + literals;
            // liblz4 treats a run that reaches into the last 12 output bytes or the last 8 input bytes
            // as the block's last sequence, which must end both buffers exactly.
            if (literalsEnd > outputLength - MfLimit || inputEnd > end - (2 + 1 + LastLiterals))
            {
                if (inputEnd != end) return inputEnd > end ? "literals run past the end of the block" : "the last sequence must be literals only";
                if (literalsEnd != outputLength) return $"the block decodes to {literalsEnd} bytes, not {outputLength}";
                return null;
            }
            ip = inputEnd;
            op = literalsEnd;
            var offset = input[(int)ip] | input[(int)ip + 1] << 8;
            ip += 2;
            if (offset == 0) return "a match has offset 0";
            if (offset > op) return $"a match at output position {op} reaches {offset} bytes back, before the start";
            long length = token & 15;
            if (length == 15)
            {
                byte b;
                do
                {
                    if (ip >= end - LastLiterals) return "a match length runs past the end of the block";
                    b = input[(int)ip++];
                    length += b;
                } while (b == 255);
            }
            op += length + MinMatch;
            if (op > outputLength - LastLiterals) return "a match reaches into the last 5 bytes of the block, which must be literals";
        }
    }
}
