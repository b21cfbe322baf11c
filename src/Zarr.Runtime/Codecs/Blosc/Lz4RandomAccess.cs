using System.Runtime.CompilerServices;

namespace Zarr.Codecs.Blosc;

/// <summary>
/// Reads single bytes of an LZ4 block without decompressing it. One pass over the sequences
/// records where each literal run and each match lands in the output; a byte in a literal run is
/// read straight from the input, and a byte in a match is the byte <c>offset</c> earlier (taken
/// modulo the offset when the match overlaps itself), followed back until it lands in a literal.
/// For the sparse reads of a point selection this costs a walk over the sequence tokens instead of
/// writing the whole decompressed block.
/// </summary>
internal static class Lz4RandomAccess
{
    /// <summary>The most segments <see cref="TryIndex"/> may record for a block of <paramref name="compressedLength"/> bytes.</summary>
    public static int MaxSegments(int compressedLength) => 2 * compressedLength + 2;

    /// <summary>
    /// Records the output start of each literal run and match (<paramref name="starts"/>) and its
    /// source (<paramref name="sources"/>: the input position of a literal run, or minus the match
    /// offset). False when the block is malformed or does not decode to exactly <paramref name="outputLength"/> bytes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a hot loop: compiled once, optimised, rather than tier 0 plus on-stack replacements
    public static bool TryIndex(ReadOnlySpan<byte> input, int outputLength, Span<int> starts, Span<int> sources, out int count)
    {
        count = 0;
        int ip = 0, op = 0;
        // The walk applies the block format's rules exactly as Lz4BlockRules does for a whole decode
        // (end-of-block conditions, offsets), so points and windows agree on what is corrupt.
        while (true)
        {
            if (ip >= input.Length) return false; // a block ends with a literal run
            var token = input[ip++];
            var literals = token >> 4;
            if (literals == 15)
            {
                byte b;
                do
                {
                    if (ip >= input.Length) return false;
                    b = input[ip++];
                    literals += b;
                } while (b == 255);
            }
            if (literals > 0)
            {
                if (literals > input.Length - ip || literals > outputLength - op || count >= starts.Length) return false;
                starts[count] = op;
                sources[count++] = ip;
                ip += literals;
                op += literals;
            }
            // A run reaching into the last 12 output bytes or the last 8 input bytes is the last sequence.
            if (op > outputLength - 12 || ip > input.Length - 8) return ip == input.Length && op == outputLength;
            var offset = input[ip] | input[ip + 1] << 8;
            ip += 2;
            if (offset == 0 || offset > op) return false;
            var length = (token & 15) + 4;
            if ((token & 15) == 15)
            {
                byte b;
                do
                {
                    if (ip >= input.Length) return false;
                    b = input[ip++];
                    length += b;
                } while (b == 255);
            }
            // The last 5 bytes of a block are always literals.
            if (length > outputLength - 5 - op || count >= starts.Length) return false;
            starts[count] = op;
            sources[count++] = -offset;
            op += length;
        }
    }

    /// <summary>
    /// The byte at output position <paramref name="position"/>, or -1 once <paramref name="budget"/>
    /// hops back through matches are spent (the caller then decompresses the block instead).
    /// </summary>
    public static int ByteAt(ReadOnlySpan<byte> input, ReadOnlySpan<int> starts, ReadOnlySpan<int> sources, int position, ref int budget)
    {
        while (true)
        {
            // The last segment starting at or before the position.
            int lo = 0, hi = starts.Length - 1;
            while (lo < hi)
            {
                var mid = (lo + hi + 1) >> 1;
                if (starts[mid] <= position) lo = mid;
                else hi = mid - 1;
            }
            var source = sources[lo];
            if (source >= 0) return input[source + position - starts[lo]];
            if (--budget < 0) return -1;
            var offset = -source;
            var start = starts[lo];
            position = start - offset + (position - start) % offset;
        }
    }
}
