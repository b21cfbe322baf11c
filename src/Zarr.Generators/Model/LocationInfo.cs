namespace Zarr.Generators.Model;

/// <summary>
/// Where a diagnostic points, as plain values (a Roslyn <c>Location</c> holds a syntax tree and
/// would pin a compilation in the incremental cache). Lines and columns count from 0.
/// </summary>
internal sealed partial record LocationInfo(string FilePath, int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn);
