using Zarr.DataTypes;
using Zarr.Stores;

namespace Zarr.Runtime.Tests.DataTypes;

public class ElementTypesTests
{
    public static TheoryData<string> FixedDTypes() =>
        ["|b1", "|i1", "<i2", ">i4", "<i8", "|u1", "<u2", "<u4", ">u8", "<f2", "<f4", ">f8", "<c8", "<c16", "<M8[ns]", "<m8[s]", "|S5", "<U3", "|V4"];

    [Theory]
    [MemberData(nameof(FixedDTypes))]
    public void TheNaturalElementTypeOfEveryDTypeReadsIt(string typestr)
    {
        var store = new MemoryStore();
        store.Set("a/.zarray", System.Text.Encoding.UTF8.GetBytes(
            $$"""{"zarr_format": 2, "shape": [3], "chunks": [2], "dtype": "{{typestr}}", "compressor": null, "fill_value": null, "order": "C", "filters": null}"""));
        var z = ZarrArray.Open(store, "r", "a");
        var seen = z.Accept(new ElementTypeOf());
        Assert.Equal(ElementTypes.NaturalType(z.DType), seen);
        Assert.True(z.Accept(new CanRead()), $"{typestr} dispatches to {seen.Name}, which its converter refuses");
    }

    [Fact]
    public void DefaultDTypesGoBackToTheirElementType()
    {
        foreach (var t in new[] { "|b1", "|i1", "<i2", "<i4", "<i8", "|u1", "<u2", "<u4", "<u8", "<f2", "<f4", "<f8", "<c8", "<c16", "<M8[ns]", "<m8[ns]" })
        {
            var dtype = ZarrDType.Parse(t);
            Assert.Equal(dtype, ElementTypes.Dispatch<DefaultOf, ZarrDType?>(dtype, default));
        }
        Assert.Equal(ZarrDType.Int64, ElementTypes.DefaultDType<long>());
        Assert.Equal(ZarrDType.Object, ElementTypes.DefaultDType<string>());
        Assert.Null(ElementTypes.DefaultDType<decimal>());
    }

    [Fact]
    public void ObjectArraysDispatchThroughTheirObjectCodec()
    {
        var z = ZarrArray.Empty<string>([2], [2], new ArrayOptions(), new MemoryStore(), "s");
        Assert.Equal(typeof(string), z.Accept(new ElementTypeOf()));
    }

    private sealed class ElementTypeOf : IZarrArrayVisitor<Type>
    {
        public Type Visit<T>(ZarrArray<T> array) => typeof(T);
    }

    private sealed class CanRead : IZarrArrayVisitor<bool>
    {
        public bool Visit<T>(ZarrArray<T> array) => array.CanReadAs<T>() && array.Read().Length == 3;
    }

    private readonly struct DefaultOf : IElementTypeVisitor<ZarrDType?>
    {
        public ZarrDType? Visit<T>() => ElementTypes.DefaultDType<T>();
    }
}
