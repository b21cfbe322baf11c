using System.Buffers;
using System.Text.Json.Nodes;
using Zarr.DataTypes;
using Zarr.PythonParity;

namespace Zarr.Codecs;

/// <summary>
/// numcodecs <c>zfpy</c>: ZFP's lossy (or reversible) compression of float32/float64/int32/int64
/// chunks of 1 to 4 dimensions, through the system's libzfp (Debian's <c>libzfp1</c>), writing what
/// <c>zfpy.compress_numpy(chunk, write_header=True, ...)</c> writes: ZFP's full header (magic, field
/// type and shape, mode) and the stream. Reading needs only the stream: its header says the type and
/// shape. Modes as numcodecs numbers them: 2 fixed rate, 3 fixed precision, 4 fixed accuracy
/// (numcodecs' default), 5 reversible (lossless; numcodecs 0.11 cannot write it, zfpy can).
/// </summary>
public sealed class ZfpyCodec : BytesCodec
{
    /// <summary>The codec id.</summary>
    public const string CodecId = "zfpy";

    /// <summary>zfp's mode numbers, as the <c>mode</c> parameter holds them.</summary>
    public const int ModeFixedRate = 2, ModeFixedPrecision = 3, ModeFixedAccuracy = 4, ModeReversible = 5;

    private readonly PythonNumber _tolerance;
    private readonly PythonNumber _rate;
    private readonly Layout? _layout;

    /// <summary>The chunk the compressor receives: its shape and zfp type, or why zfpy cannot compress it.</summary>
    private sealed record Layout(int[] Shape, int Type, string? Refusal);

    /// <summary>
    /// Creates the codec with numcodecs' parameters (fixed accuracy by default). In the configuration an
    /// unset (-1) tolerance or rate is written as Python's int -1, as numcodecs' defaults are; any other
    /// value as a float.
    /// </summary>
    public ZfpyCodec(int mode = ModeFixedAccuracy, double tolerance = -1, double rate = -1, int precision = -1)
        : this(mode, Number(tolerance), Number(rate), precision, null) { }

    private static PythonNumber Number(double value) => value == -1 ? PythonNumber.Of(-1L) : PythonNumber.Of(value);

    private ZfpyCodec(int mode, PythonNumber tolerance, PythonNumber rate, int precision, Layout? layout)
    {
        Mode = mode;
        _tolerance = tolerance;
        _rate = rate;
        Precision = precision;
        _layout = layout;
    }

    /// <summary>Creates the codec from its JSON configuration (<c>compression_kwargs</c> follows from the rest).</summary>
    public static ZfpyCodec FromConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var minusOne = PythonNumber.Of(-1L);
        return new ZfpyCodec(
            CodecConfig.GetInt(config, "mode", ModeFixedAccuracy),
            config["tolerance"] is null ? minusOne : PythonNumber.Read(config, "tolerance"),
            config["rate"] is null ? minusOne : PythonNumber.Read(config, "rate"),
            CodecConfig.GetInt(config, "precision", -1),
            null);
    }

    /// <summary>zfp's mode: 2 fixed rate, 3 fixed precision, 4 fixed accuracy, 5 reversible.</summary>
    public int Mode { get; }

    /// <summary>The absolute error bound of fixed-accuracy mode (-1 when unset).</summary>
    public double Tolerance => _tolerance.AsDouble;

    /// <summary>The bits per value of fixed-rate mode (-1 when unset).</summary>
    public double Rate => _rate.AsDouble;

    /// <summary>The bit planes kept in fixed-precision mode (-1 when unset).</summary>
    public int Precision { get; }

    /// <summary>True when the system's libzfp is there (Debian's <c>libzfp1</c>); without it the codec can be configured but not run.</summary>
    public static bool IsAvailable => NativeZfp.IsAvailable;

    /// <inheritdoc />
    public override string Id => CodecId;

    /// <inheritdoc />
    /// <remarks>
    /// numcodecs writes every public attribute, <c>compression_kwargs</c> (the one parameter its mode
    /// uses) among them; in a mode it has no parameter for (reversible) it has no such attribute.
    /// </remarks>
    public override JsonObject GetConfig()
    {
        var config = new JsonObject { ["id"] = Id, ["mode"] = Mode };
        JsonNode? kwargs = Mode switch
        {
            ModeFixedAccuracy => new JsonObject { ["tolerance"] = _tolerance.ToJson() },
            ModeFixedRate => new JsonObject { ["rate"] = _rate.ToJson() },
            ModeFixedPrecision => new JsonObject { ["precision"] = Precision },
            _ => null,
        };
        if (kwargs is not null) config["compression_kwargs"] = kwargs;
        config["tolerance"] = _tolerance.ToJson();
        config["rate"] = _rate.ToJson();
        config["precision"] = Precision;
        return config;
    }

    /// <inheritdoc />
    public override string ToString() => $"ZFPY(mode={Mode}, tolerance={_tolerance}, rate={_rate}, precision={Precision})";

    /// <inheritdoc />
    /// <remarks>
    /// zarr-python hands zfpy the chunk as an array of its shape and dtype; that is what the stream's
    /// header records, so the codec needs them to write. numcodecs refuses Fortran-ordered chunks, and
    /// zfp handles only the four dtypes in native byte order and 1 to 4 dimensions.
    /// </remarks>
    public override BytesCodec ForChunk(int[] chunkShape, ZarrDType dtype, char order, bool afterFilters)
    {
        ArgumentNullException.ThrowIfNull(chunkShape);
        ArgumentNullException.ThrowIfNull(dtype);
        var type = dtype.ByteOrder == ByteOrder.Big ? 0 : (dtype.Kind, dtype.ItemSize) switch
        {
            (DTypeKind.Int, 4) => NativeZfp.TypeInt32,
            (DTypeKind.Int, 8) => NativeZfp.TypeInt64,
            (DTypeKind.Float, 4) => NativeZfp.TypeFloat,
            (DTypeKind.Float, 8) => NativeZfp.TypeDouble,
            _ => 0,
        };
        var refusal =
            afterFilters ? "zfpy after filters cannot be written here: zarr-python hands zfpy the last filter's output, whose shape and dtype this codec does not know"
            : type == 0 ? $"zfpy compresses int32, int64, float32 and float64 in native (little-endian) byte order, not {dtype} ('{dtype.TypeStr}')"
            : chunkShape.Length is < 1 or > 4 ? $"zfpy compresses chunks of 1 to 4 dimensions, not {chunkShape.Length}"
            : order == 'F' && chunkShape.Count(d => d > 1) > 1 ? "the zfp codec does not support F order arrays (numcodecs refuses them too)"
            : null;
        return new ZfpyCodec(Mode, _tolerance, _rate, Precision, new Layout(chunkShape, type, refusal));
    }

    /// <summary>The error when libzfp is missing: it names the Debian package to install.</summary>
    internal static ZarrCodecException Missing() =>
        new(CodecId, null, $"zfpy needs the native ZFP library (libzfp.so.1), which is not installed: install Debian's {NativeZfp.Package} package (apt-get install {NativeZfp.Package}; python3-zfpy depends on it).");

    /// <inheritdoc />
    public override void Encode(ReadOnlySpan<byte> input, int itemSize, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_layout is null) throw Error("zfpy needs the chunk's shape and dtype to write; use it as an array's compressor");
        if (_layout.Refusal is not null) throw Error(_layout.Refusal);
        if (!NativeZfp.IsAvailable) throw Missing();
        var count = _layout.Shape.Aggregate(1L, (a, b) => a * b);
        if (count * NativeZfp.TypeSize(_layout.Type) != input.Length)
            throw Error($"{input.Length} bytes are not a chunk of shape ({string.Join(", ", _layout.Shape)})");
        if (count == 0) throw Error("zfp cannot compress an empty chunk");
        // numcodecs passes only its mode's parameter; zfpy takes the first that is not negative, else reversible.
        var settings = Mode switch
        {
            ModeFixedAccuracy => new NativeZfp.Settings(Tolerance, -1, -1),
            ModeFixedRate => new NativeZfp.Settings(-1, Rate, -1),
            ModeFixedPrecision => new NativeZfp.Settings(-1, -1, Precision),
            ModeReversible => new NativeZfp.Settings(-1, -1, -1),
            _ => throw Error($"mode {Mode} is not one zfpy compresses with (2 fixed rate, 3 fixed precision, 4 fixed accuracy, 5 reversible)"),
        };
        try
        {
            output.Write(NativeZfp.Compress(input, _layout.Type, _layout.Shape, settings));
        }
        catch (InvalidOperationException e)
        {
            throw Error(e.Message, e);
        }
    }

    /// <inheritdoc />
    public override void Decode(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var header = ReadHeader(input);
        var bytes = header.Count * NativeZfp.TypeSize(header.Type);
        if (bytes > Array.MaxLength) throw Error($"the stream's header describes {header.Count} values, more than a chunk can hold");
        var span = output.GetSpan(Math.Max(1, (int)bytes))[..(int)bytes];
        Run(input, header, span);
        output.Advance((int)bytes);
    }

    /// <inheritdoc />
    public override int DecodeInto(ReadOnlySpan<byte> input, Span<byte> destination)
    {
        var header = ReadHeader(input);
        var bytes = header.Count * NativeZfp.TypeSize(header.Type);
        if (bytes != destination.Length)
            throw Error($"the stream holds {header.Count} values of {NativeZfp.TypeSize(header.Type)} bytes (shape ({string.Join(", ", header.Sizes.Reverse())})), not the chunk's {destination.Length} bytes");
        Run(input, header, destination);
        return destination.Length;
    }

    private NativeZfp.Header ReadHeader(ReadOnlySpan<byte> input)
    {
        if (!NativeZfp.IsAvailable) throw Missing();
        var header = NativeZfp.ReadHeader(input) ?? throw Error("the chunk does not start with a ZFP header (zfpy writes one)");
        if (NativeZfp.TypeSize(header.Type) == 0 || header.Sizes.Length == 0) throw Error("the ZFP header names no value type or shape");
        // A stream holds at least minbits per block (fixed-rate streams exactly that): a shorter one is truncated.
        if ((double)header.Blocks * header.MinBits > input.Length * 8.0)
            throw Error($"the stream has {input.Length} bytes, fewer than its {header.Blocks} blocks of at least {header.MinBits} bits need");
        return header;
    }

    private void Run(ReadOnlySpan<byte> input, NativeZfp.Header header, Span<byte> destination)
    {
        var used = NativeZfp.Decompress(input, header, destination);
        if (used < 0) throw Error("zfp could not decompress the stream");
        if (used > input.Length) throw Error($"the stream ends after {input.Length} bytes, before its data does ({used} bytes)");
    }
}
