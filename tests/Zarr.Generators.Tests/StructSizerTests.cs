using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Zarr.Generators.Parsing;
using Zarr.Generators.Tests.Infrastructure;

namespace Zarr.Generators.Tests;

/// <summary>The generator's struct sizes agree with what the runtime lays out (Unsafe.SizeOf of the compiled struct).</summary>
public class StructSizerTests
{
    private const string Structs = """
        using System;
        using System.Runtime.CompilerServices;
        using System.Runtime.InteropServices;
        namespace S;
        public enum Small : byte { A }
        public enum Big : long { A }
        public struct Empty { }
        public struct Pair { public float X; public float Y; }
        public struct Padded { public byte A; public int B; public byte C; }
        public struct Trailing { public long A; public byte B; }
        [StructLayout(LayoutKind.Sequential, Pack = 1)] public struct Packed { public byte A; public int B; public byte C; }
        [StructLayout(LayoutKind.Sequential, Pack = 2)] public struct Packed2 { public byte A; public long B; }
        [StructLayout(LayoutKind.Sequential, Size = 20)] public struct Sized { public int A; }
        [StructLayout(LayoutKind.Sequential, Size = 2)] public struct SizedSmall { public int A; public byte B; }
        [StructLayout(LayoutKind.Explicit)] public struct Explicit { [FieldOffset(0)] public long A; [FieldOffset(8)] public byte B; }
        [StructLayout(LayoutKind.Explicit, Size = 13)] public struct ExplicitSized { [FieldOffset(0)] public long A; [FieldOffset(12)] public byte B; }
        [StructLayout(LayoutKind.Explicit)] public struct Overlap { [FieldOffset(0)] public int A; [FieldOffset(1)] public short B; }
        [StructLayout(LayoutKind.Explicit, Size = 35)] public struct Unaligned { [FieldOffset(0)] public int Id; [FieldOffset(4)] public Doubles D; [FieldOffset(28)] public byte C; }
        [InlineArray(3)] public struct Doubles { private double _e; }
        public struct WithBuffer { public byte Tag; public Doubles Values; }
        public unsafe struct Fixed { public byte Tag; public fixed short Values[5]; }
        public struct Nested { public byte A; public Pair P; public Small S; public Big B; }
        public struct Flags { public bool A; public char B; public Half H; }
        public record struct Rec(float X, double Y, byte Z);
        public struct Platform { public nint A; public byte B; }
        public struct Dec { public byte A; public decimal D; }
        public struct Numbers { public byte A; public System.Numerics.Complex C; public Guid G; }
        """;

    public static TheoryData<string> Names => new()
    {
        "Empty", "Pair", "Padded", "Trailing", "Packed", "Packed2", "Sized", "SizedSmall", "Explicit", "ExplicitSized", "Overlap",
        "Unaligned", "Doubles", "WithBuffer", "Fixed", "Nested", "Flags", "Rec", "Platform", "Dec", "Numbers",
    };

    private static readonly Lazy<(Compilation Compilation, System.Reflection.Assembly Assembly)> Compiled = new(() =>
    {
        var compilation = CSharpCompilation.Create("Structs", [CSharpSyntaxTree.ParseText(Structs, GeneratorHarness.ParseOptions)],
            GeneratorHarness.Compilation().References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
        using var pe = new MemoryStream();
        var emit = compilation.Emit(pe);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        return (compilation, System.Runtime.Loader.AssemblyLoadContext.Default.LoadFromStream(new MemoryStream(pe.ToArray())));
    });

    [Theory]
    [MemberData(nameof(Names))]
    public void SizeIsTheRuntimes(string name)
    {
        var (compilation, assembly) = Compiled.Value;
        var type = assembly.GetType("S." + name)!;
        var actual = (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(type).Invoke(null, null)!;
        Assert.Equal(actual, StructSizer.SizeOf(compilation.GetTypeByMetadataName("S." + name)!, out var reference));
        Assert.Null(reference);
    }

    [Fact]
    public void AReferenceFieldIsNamed()
    {
        var compilation = CSharpCompilation.Create("R", [CSharpSyntaxTree.ParseText("public struct Named { public int Id; public string Name; }")], GeneratorHarness.Compilation().References);
        Assert.Null(StructSizer.SizeOf(compilation.GetTypeByMetadataName("Named")!, out var reference));
        Assert.Equal("Named.Name (string)", reference);
    }
}
