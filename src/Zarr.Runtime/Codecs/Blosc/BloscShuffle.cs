namespace Zarr.Codecs;

/// <summary>The shuffle filter a <see cref="BloscCodec"/> applies to each block before compressing it.</summary>
/// <remarks>The numeric values are numcodecs' constants, as written in <c>.zarray</c>.</remarks>
public enum BloscShuffle
{
    /// <summary>Bit shuffle for 1-byte items, byte shuffle otherwise (numcodecs <c>AUTOSHUFFLE</c>, −1).</summary>
    AutoShuffle = -1,

    /// <summary>No shuffle (numcodecs <c>NOSHUFFLE</c>, 0).</summary>
    NoShuffle = 0,

    /// <summary>Byte shuffle: byte <c>b</c> of every item, then byte <c>b + 1</c>… (numcodecs <c>SHUFFLE</c>, 1).</summary>
    Shuffle = 1,

    /// <summary>Bit shuffle: bit planes of every item byte (numcodecs <c>BITSHUFFLE</c>, 2).</summary>
    BitShuffle = 2,
}
