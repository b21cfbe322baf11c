namespace Zarr;

/// <summary>One way a stored node differs from the schema compiled into a typed binding.</summary>
/// <param name="Path">The node's path (<c>/foo/bar</c>).</param>
/// <param name="What">What differs: <c>missing array</c>, <c>missing group</c>, <c>dtype</c>, <c>rank</c>, <c>shape</c>, <c>chunks</c>, <c>node kind</c>, <c>invalid metadata</c>.</param>
/// <param name="Expected">What the schema says.</param>
/// <param name="Actual">What the store holds.</param>
public sealed record ZarrSchemaDifference(string Path, string What, string Expected, string Actual)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {What}: expected {Expected}, found {Actual}";
}

/// <summary>
/// A store does not match the schema a typed binding was generated from. The message lists every
/// difference, one per line; <see cref="Differences"/> has them as values.
/// </summary>
public sealed class ZarrSchemaMismatchException : ZarrException
{
    /// <summary>Creates the exception from the differences found (at least one).</summary>
    public ZarrSchemaMismatchException(IReadOnlyList<ZarrSchemaDifference> differences)
        : base(Format(differences))
    {
        Differences = differences;
    }

    /// <summary>Every difference, in the order the schema was walked.</summary>
    public IReadOnlyList<ZarrSchemaDifference> Differences { get; }

    /// <summary>The path of the first difference.</summary>
    public string Path => Differences.Count > 0 ? Differences[0].Path : "/";

    /// <summary>What the schema expected at the first difference.</summary>
    public string Expected => Differences.Count > 0 ? Differences[0].Expected : "";

    /// <summary>What the store holds at the first difference.</summary>
    public string Actual => Differences.Count > 0 ? Differences[0].Actual : "";

    private static string Format(IReadOnlyList<ZarrSchemaDifference> differences) =>
        $"The store does not match the schema ({differences.Count} difference{(differences.Count == 1 ? "" : "s")}):"
        + string.Concat(differences.Select(d => Environment.NewLine + "  " + d));
}
