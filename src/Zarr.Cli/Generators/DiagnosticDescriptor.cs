namespace Zarr.Generators.Diagnostics;

// The generator's descriptors (DiagnosticDescriptors.cs, compiled in here) are written against
// Roslyn's types; these stand-ins give the tool the same shape without the compiler.

/// <summary>What the tool needs of Roslyn's <c>DiagnosticDescriptor</c>, with its constructor's parameters.</summary>
internal sealed class DiagnosticDescriptor(string id, string title, string messageFormat, string category, DiagnosticSeverity defaultSeverity,
    bool isEnabledByDefault, string? description = null, string? helpLinkUri = null)
{
    public string Id { get; } = id;

    public string Title { get; } = title;

    public string MessageFormat { get; } = messageFormat;

    public string Category { get; } = category;

    public DiagnosticSeverity DefaultSeverity { get; } = defaultSeverity;

    public bool IsEnabledByDefault { get; } = isEnabledByDefault;

    public string? Description { get; } = description;

    public string? HelpLinkUri { get; } = helpLinkUri;
}

/// <summary>Roslyn's <c>DiagnosticSeverity</c>, member for member.</summary>
internal enum DiagnosticSeverity
{
    Hidden = 0,
    Info = 1,
    Warning = 2,
    Error = 3,
}
