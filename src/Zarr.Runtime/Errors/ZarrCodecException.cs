namespace Zarr;

/// <summary>A codec could not encode or decode a chunk, or a codec is unknown.</summary>
public sealed class ZarrCodecException : ZarrException
{
    /// <summary>Creates the exception for a codec id and, when known, the chunk key.</summary>
    public ZarrCodecException(string codecId, string? chunkKey, string message, Exception? inner = null)
        : base(Format(codecId, chunkKey, message), inner)
    {
        CodecId = codecId;
        ChunkKey = chunkKey;
        Detail = message;
    }

    /// <summary>The codec id (as in .zarray), e.g. <c>blosc</c>.</summary>
    public string CodecId { get; }

    /// <summary>The store key of the chunk being processed, when known.</summary>
    public string? ChunkKey { get; }

    /// <summary>The bare description of the problem, without codec id and key.</summary>
    public string Detail { get; }

    /// <summary>
    /// Returns the same error with the chunk key filled in (or kept, when it was already known). The
    /// result wraps this exception as its <see cref="Exception.InnerException"/>: rethrowing this one
    /// would reset its stack trace, and that trace is the one that shows where in the codec it failed.
    /// </summary>
    public ZarrCodecException WithChunkKey(string chunkKey) =>
        new(CodecId, ChunkKey ?? chunkKey, Detail, this);

    private static string Format(string codecId, string? chunkKey, string message) =>
        chunkKey is null ? $"Codec '{codecId}': {message}" : $"Codec '{codecId}' on chunk '{chunkKey}': {message}";
}
