namespace Zarr;

/// <summary>Base type of every error the Zarr runtime raises on purpose.</summary>
public class ZarrException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public ZarrException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public ZarrException(string message, Exception? inner) : base(message, inner) { }
}
