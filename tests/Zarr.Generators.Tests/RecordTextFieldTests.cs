using Zarr.Generators.Tests.Infrastructure;

namespace Zarr.Generators.Tests;

/// <summary>
/// A scalar <c>S&lt;n&gt;</c> field of a generated record has a string view (issue 21): it prints as its
/// text instead of the buffer's type name, converts to and from <c>string</c>, and refuses text that
/// does not fit.
/// </summary>
public class RecordTextFieldTests
{
    private const string Usage = """
        using System;
        using Zarr;
        using Demo.Data;

        namespace Demo;

        public static class TextFieldUsage
        {
            public static string Run(Zarr.Stores.ZarrStore store)
            {
                var o = Ocean.Create(store, overwrite: true);
                var r = new Ocean.StationsGroup.ReadingRecord { Id = 7, Code = (Ocean.StationsGroup.ReadingRecord.CodeBuffer)"ab\u00e9" };
                o.Stations.Reading[1] = r;
                var back = o.Stations.Reading[1];
                string code = back.Code;
                var tooLong = "";
                try { _ = (Ocean.StationsGroup.ReadingRecord.CodeBuffer)"abcde"; } catch (ArgumentException) { tooLong = "refused"; }
                return code + "|" + code.Length + "|" + back.Code + "|" + (back.ToString().Contains("Code = ab\u00e9, ") ? "printed" : back.ToString()) + "|" + tooLong;
            }
        }
        """;

    [Fact]
    public void TextFieldsReadWriteAndPrintAsStrings()
    {
        var result = GeneratorHarness.Run([Usage], Inputs.MetadataFirst());
        result.AssertCompiles();
        var run = result.Load().GetType("Demo.TextFieldUsage")!.GetMethod("Run")!;
        var text = (string)run.Invoke(null, [new Zarr.Stores.MemoryStore()])!;
        Assert.Equal("ab\u00e9|3|ab\u00e9|printed|refused", text);
    }
}
