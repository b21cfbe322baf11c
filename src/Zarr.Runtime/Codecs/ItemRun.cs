namespace Zarr.Codecs;

/// <summary>
/// A run of consecutive items of a decoded chunk, [<see cref="Source"/>, <see cref="Source"/> +
/// <see cref="Count"/>), and the item offset in an output buffer where the run goes
/// (<see cref="BytesCodec.TryDecodeRuns"/>).
/// </summary>
/// <param name="Source">The first item of the run in the decoded chunk.</param>
/// <param name="Count">The number of items.</param>
/// <param name="Destination">The item offset of the run in the output buffer.</param>
public readonly record struct ItemRun(int Source, int Count, int Destination);
