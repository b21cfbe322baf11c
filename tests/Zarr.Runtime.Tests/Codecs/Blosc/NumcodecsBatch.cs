using System.Text.Json;
using System.Text.Json.Nodes;
using Zarr.Runtime.Tests.Interop;

namespace Zarr.Runtime.Tests.Blosc;

/// <summary>
/// One python invocation for many Blosc cases: numcodecs (c-blosc 1.21.3, one thread) encodes every
/// input with the case's settings, and decodes every frame we hand it. Data goes through temp files.
/// </summary>
internal sealed class NumcodecsBatch
{
    public sealed record Case(string Cname, int Clevel, int Shuffle, int Blocksize, int TypeSize, byte[] Input, byte[]? Ours);

    public sealed record Result(byte[]? Theirs, byte[]? OursDecoded, string? OursError);

    private const string Script = """
        import json, sys, os
        import numpy as np
        import numcodecs.blosc as nb
        from numcodecs import Blosc
        nb.use_threads = False
        d = sys.argv[1] if len(sys.argv) > 1 else sys.stdin.readline().strip()
        cases = json.load(open(os.path.join(d, 'cases.json')))
        inputs = open(os.path.join(d, 'inputs.bin'), 'rb').read()
        ours = open(os.path.join(d, 'ours.bin'), 'rb').read()
        theirs = open(os.path.join(d, 'theirs.bin'), 'wb')
        decoded = open(os.path.join(d, 'decoded.bin'), 'wb')
        report = []
        for c in cases:
            r = {}
            data = inputs[c['in'][0]:c['in'][0] + c['in'][1]]
            if c['encode']:
                t = c['typesize']
                dt = {1: '|u1', 2: '<u2', 4: '<u4', 8: '<u8'}.get(t, '|V%d' % t)
                arr = np.frombuffer(data, dtype=dt)
                frame = Blosc(cname=c['cname'], clevel=c['clevel'], shuffle=c['shuffle'], blocksize=c['blocksize']).encode(arr)
                r['theirs'] = [theirs.tell(), len(frame)]
                theirs.write(frame)
            if c['ours'] is not None:
                frame = ours[c['ours'][0]:c['ours'][0] + c['ours'][1]]
                try:
                    out = bytes(nb.decompress(frame))
                    r['decoded'] = [decoded.tell(), len(out)]
                    decoded.write(out)
                except Exception as e:
                    r['error'] = repr(e)
            report.append(r)
        theirs.close(); decoded.close()
        json.dump(report, open(os.path.join(d, 'report.json'), 'w'))
        print(len(report))
        """;

    private readonly List<Case> _cases = [];

    public int Add(Case c)
    {
        _cases.Add(c);
        return _cases.Count - 1;
    }

    /// <summary>Adds a frame for numcodecs to decode only.</summary>
    public int AddDecodeOnly(byte[] frame) => Add(new Case("", 0, 0, 0, 1, [], frame));

    public IReadOnlyList<Case> Cases => _cases;

    public IReadOnlyList<Result> Run()
    {
        Python.Require();
        var dir = Directory.CreateTempSubdirectory("zarr-blosc-").FullName;
        try
        {
            var manifest = new JsonArray();
            using (var inputs = File.Create(Path.Combine(dir, "inputs.bin")))
            using (var ours = File.Create(Path.Combine(dir, "ours.bin")))
            {
                foreach (var c in _cases)
                {
                    var entry = new JsonObject
                    {
                        ["cname"] = c.Cname,
                        ["clevel"] = c.Clevel,
                        ["shuffle"] = c.Shuffle,
                        ["blocksize"] = c.Blocksize,
                        ["typesize"] = c.TypeSize,
                        ["encode"] = c.Cname.Length > 0,
                        ["in"] = new JsonArray(inputs.Position, c.Input.Length),
                        ["ours"] = c.Ours is null ? null : new JsonArray(ours.Position, c.Ours.Length),
                    };
                    inputs.Write(c.Input);
                    if (c.Ours is not null) ours.Write(c.Ours);
                    manifest.Add(entry);
                }
            }
            File.WriteAllText(Path.Combine(dir, "cases.json"), manifest.ToJsonString());
            var printed = Python.Run(Script, dir + "\n", timeoutSeconds: 600).Trim();
            Assert.Equal(_cases.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), printed);

            var theirs = File.ReadAllBytes(Path.Combine(dir, "theirs.bin"));
            var decoded = File.ReadAllBytes(Path.Combine(dir, "decoded.bin"));
            var report = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "report.json")))!.AsArray();
            var results = new List<Result>();
            foreach (var node in report)
            {
                var r = node!.AsObject();
                results.Add(new Result(Slice(theirs, r["theirs"]), Slice(decoded, r["decoded"]), (string?)r["error"]));
            }
            return results;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static byte[]? Slice(byte[] data, JsonNode? range) =>
        range is JsonArray a ? data.AsSpan((int)a[0]!, (int)a[1]!).ToArray() : null;
}
