using System.Diagnostics.CodeAnalysis;

// V3ArrayBuilder.Build fills a JsonArray with a collection expression, which compiles to the generic
// JsonArray.Add<T>(T); the trimming and Native AOT analyses of an app (not the library's own analyzers,
// which do not see through collection expressions) then warn that Add<T> may create a JsonValue of an
// arbitrary type. The element is a JsonObject, which Add<T> adds as the node itself: nothing is
// reflected over or generated. Remove these once that line calls the non-generic JsonArray.Add(JsonNode)
// (src/Zarr.Runtime/Metadata is being changed by others as this is written).
[assembly: UnconditionalSuppressMessage("Trimming", "IL2026", Scope = "member",
    Target = "M:Zarr.Metadata.V3.V3ArrayBuilder.Build(System.Int64[],System.Int32[],Zarr.DataTypes.ZarrDType,Zarr.Codecs.ObjectCodec,System.Collections.Generic.IReadOnlyList{Zarr.Codecs.IZarrCodec},System.Boolean,System.Collections.Generic.IReadOnlyList{Zarr.Codecs.BytesCodec},System.Text.Json.Nodes.JsonNode,System.Int32[],System.String,System.Char,System.Collections.Generic.IReadOnlyList{System.String})",
    Justification = "JsonArray.Add<JsonObject> adds the node itself.")]
[assembly: UnconditionalSuppressMessage("AOT", "IL3050", Scope = "member",
    Target = "M:Zarr.Metadata.V3.V3ArrayBuilder.Build(System.Int64[],System.Int32[],Zarr.DataTypes.ZarrDType,Zarr.Codecs.ObjectCodec,System.Collections.Generic.IReadOnlyList{Zarr.Codecs.IZarrCodec},System.Boolean,System.Collections.Generic.IReadOnlyList{Zarr.Codecs.BytesCodec},System.Text.Json.Nodes.JsonNode,System.Int32[],System.String,System.Char,System.Collections.Generic.IReadOnlyList{System.String})",
    Justification = "JsonArray.Add<JsonObject> adds the node itself.")]
