namespace Zarr.Cli;

/// <summary>A user-facing error: its message is printed as one line on stderr and the tool exits non-zero.</summary>
internal sealed class CliException : Exception
{
    /// <summary>Creates the error with the line to print.</summary>
    public CliException(string message) : base(message) { }

    /// <summary>Creates the error with the line to print and its cause.</summary>
    public CliException(string message, Exception inner) : base(message, inner) { }
}
