namespace Zarr.Generators.Model;

/// <summary>The outcome of reading one [ZarrGroup] class: its model (null when it cannot be generated) and diagnostics.</summary>
internal sealed record SchemaGroupResult(GroupClassModel? Group, EquatableArray<DiagnosticInfo> Diagnostics);
