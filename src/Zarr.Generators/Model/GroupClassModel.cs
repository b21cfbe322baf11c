namespace Zarr.Generators.Model;

/// <summary>
/// Everything needed to emit one group class: one output file per model, so editing one group's
/// metadata re-emits only that group.
/// </summary>
/// <param name="HintName">The deterministic hint name of the output file.</param>
/// <param name="Namespace">The namespace, or null for the global namespace.</param>
/// <param name="Containers">The types that contain the class, outermost first.</param>
/// <param name="ClassName">The class's simple name.</param>
/// <param name="Accessibility">The accessibility of a generated (metadata-first) class.</param>
/// <param name="SchemaFirst">True when the class was written by the user and only completed here.</param>
/// <param name="StorePath">The group's path below the root of its hierarchy ("" for the root).</param>
/// <param name="Source">Where the group came from, for documentation (a metadata file or the class).</param>
/// <param name="Arrays">The array accessors, by key.</param>
/// <param name="Groups">The child group accessors, by key.</param>
/// <param name="Attributes">The typed properties for the group's .zattrs.</param>
/// <param name="UserDocumented">True when the user's own declaration of the class has a doc comment (it then stands alone).</param>
/// <param name="RootArray">
/// For a hierarchy whose root is an array, that array: the class is then the array's typed accessor,
/// with the array's attributes (and no groups, arrays or group attributes).
/// </param>
/// <param name="ZarrFormat">The format the hierarchy is created in: 2 or 3.</param>
internal sealed record GroupClassModel(
    string HintName,
    string? Namespace,
    EquatableArray<ContainerModel> Containers,
    string ClassName,
    string Accessibility,
    bool SchemaFirst,
    string StorePath,
    string Source,
    EquatableArray<ArrayMemberModel> Arrays,
    EquatableArray<GroupMemberModel> Groups,
    EquatableArray<AttributeMemberModel> Attributes,
    bool UserDocumented = false,
    ArrayMemberModel? RootArray = null,
    int ZarrFormat = 2);

/// <summary>A type that contains a generated class (<c>partial class Outer</c>).</summary>
internal sealed record ContainerModel(string Keyword, string Name);

/// <summary>
/// A child group: a property whose type is another group class. <see cref="UserDoc"/> holds the lines
/// of the doc comment on the user's declaration (without <c>///</c>), kept in the implementation's.
/// </summary>
internal sealed record GroupMemberModel(string PropertyName, string Key, string TypeName, string Accessibility, bool ImplementsPartial,
    EquatableArray<string> UserDoc);

/// <summary>
/// One array accessor: the array as its metadata (or [ZarrArray] attribute) describes it, and the
/// property that reaches it. <see cref="ElementType"/> is the accessor's element type, which can
/// differ from <see cref="ArrayMetadataModel.ElementType"/> (a generated record struct, or byte[]
/// for a structured dtype without one); null when the dtype has no C# type (the property is then
/// an untyped <c>ZarrArray</c>). <see cref="UserDoc"/> holds the lines of the doc comment on the user's
/// declaration (without <c>///</c>): the implementation's doc comment is the one the compiler keeps,
/// so it carries them. <see cref="OwnClass"/> is true when <see cref="PropertyType"/> is a class
/// generated for this array (derived from the rank-typed accessor, holding its attributes and its named
/// indexers); <see cref="DimensionParameters"/> are the parameter names of those indexers, one per
/// dimension, or empty for positional indexers only.
/// </summary>
internal sealed record ArrayMemberModel(
    string PropertyName,
    string Key,
    string Accessibility,
    bool ImplementsPartial,
    string PropertyType,
    string? ElementType,
    bool RankTyped,
    ArrayMetadataModel Metadata,
    bool Resizable,
    StructModel? Record,
    EquatableArray<AttributeMemberModel> Attributes,
    EquatableArray<string> UserDoc,
    bool OwnClass = false,
    EquatableArray<string> DimensionParameters = default)
{
    public int Rank => Metadata.Shape.Count;
}

/// <summary>A generated record struct whose layout matches a structured dtype byte for byte.</summary>
internal sealed record StructModel(string Name, int Size, EquatableArray<StructFieldModel> Fields);

/// <summary>
/// One field of a generated record struct. A field with <see cref="Length"/> &gt; 0 is a fixed-size
/// buffer (an <c>[InlineArray]</c> of <see cref="ElementType"/>) named <see cref="BufferName"/>;
/// <see cref="IsText"/> marks the buffer of a scalar <c>S&lt;n&gt;</c> field, which gets a string view.
/// </summary>
internal sealed record StructFieldModel(
    string Name,
    string JsonName,
    int Offset,
    string ElementType,
    int Length,
    string? BufferName,
    StructModel? Nested,
    bool IsText = false);

/// <summary>
/// A typed read-only property for one attribute in .zattrs. <see cref="Kind"/> is one of string,
/// long, double, bool, string[], long[], double[], bool[] or json. <see cref="Location"/> is the
/// attribute's value in its .zattrs (or .zmetadata), where diagnostics about its name point.
/// </summary>
internal sealed record AttributeMemberModel(string PropertyName, string Key, string Kind, string Json, LocationInfo? Location);
