using Zarr.Stores;
using Zarr.Synchronization;

namespace Zarr.Runtime.Tests.Concurrency.Worker;

/// <summary>
/// Entry point of the test assembly when it runs as a child process (<c>dotnet exec
/// Zarr.Runtime.Tests.dll worker &lt;command&gt; …</c>, see <see cref="ChildProcess"/>). Under the test
/// host this Main is never called. Exit code 0 means the command finished; anything printed on
/// stderr is shown by the test that failed.
/// </summary>
public static class WorkerProgram
{
    /// <summary>Runs one worker command.</summary>
    public static int Main(string[] args)
    {
        if (args.Length < 2 || args[0] != "worker")
        {
            Console.Error.WriteLine("usage: Zarr.Runtime.Tests worker <command> [args…] (used by the multi-process tests)");
            return 2;
        }
        try
        {
            var rest = args[2..];
            switch (args[1])
            {
                case "fill-loop": FillLoop(rest[0], rest[1]); return 0;
                case "zip-loop": ZipLoop(rest[0]); return 0;
                case "write-owned": WriteOwned(rest); return 0;
                case "reopen": Reopen(rest[0]); return 0;
                case "increment-own":
                {
                    // root, writer, writers, rounds: optimistic concurrency, no lock shared with the others
                    var z = ZarrArray.Open(new DirectoryStore(rest[0]), "r+", synchronizer: new OptimisticSynchronizer(maxAttempts: 1000)).As<int>();
                    OptimisticSynchronizerTests.IncrementOwnElements(z, int.Parse(rest[1], System.Globalization.CultureInfo.InvariantCulture),
                        int.Parse(rest[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(rest[3], System.Globalization.CultureInfo.InvariantCulture));
                    return 0;
                }
                default:
                    Console.Error.WriteLine($"unknown worker command '{args[1]}'");
                    return 2;
            }
        }
        catch (Exception e)
        {
            Console.Error.WriteLine(e);
            return 1;
        }
    }

    /// <summary>Rewrites a whole DirectoryStore array (and its attributes) generation after generation until killed.</summary>
    private static void FillLoop(string root, string path)
    {
        var z = ZarrArray.Open(new DirectoryStore(root), "r+", path).As<int>();
        var length = (int)z.Shape[0];
        Console.WriteLine("ready");
        for (var gen = 1; ; gen++)
        {
            z.Set([Selector.Ellipsis], Workloads.Generation(length, gen));
            z.Attrs["gen"] = gen;
        }
    }

    /// <summary>Opens a zip store, rewrites its array with the next generation, closes it; again and again until killed.</summary>
    private static void ZipLoop(string zipPath)
    {
        Console.WriteLine("ready");
        for (var gen = 1; ; gen++)
        {
            using var store = new ZipStore(zipPath, ZipStoreMode.Append);
            var z = ZarrArray.Open(store, "r+").As<int>();
            z.Set([Selector.Ellipsis], Workloads.Generation((int)z.Shape[0], gen));
        }
    }

    /// <summary>
    /// write-owned &lt;root&gt; &lt;sync folder or -&gt; &lt;elements|chunks&gt; &lt;proc&gt; &lt;procs&gt; &lt;seed&gt;:
    /// waits for "go" on stdin, then writes every element this process owns exactly once, in small
    /// random writes (see <see cref="Workloads.OwnedWrites"/>), and prints "done".
    /// </summary>
    private static void WriteOwned(string[] a)
    {
        var root = a[0];
        ISynchronizer? sync = a[1] == "-" ? null : new ProcessSynchronizer(a[1]);
        var byChunk = a[2] == "chunks";
        var proc = int.Parse(a[3], System.Globalization.CultureInfo.InvariantCulture);
        var procs = int.Parse(a[4], System.Globalization.CultureInfo.InvariantCulture);
        var seed = int.Parse(a[5], System.Globalization.CultureInfo.InvariantCulture);
        var z = ZarrArray.Open(new DirectoryStore(root), "r+", synchronizer: sync).As<int>();
        var writes = Workloads.OwnedWrites((int)z.Shape[0], z.Chunks[0], proc, procs, byChunk, seed);
        Console.WriteLine("ready");
        if (Console.ReadLine() != "go") throw new InvalidOperationException("expected 'go' on stdin");
        foreach (var (selection, values) in writes) z.Set(selection, values);
        Console.WriteLine("done");
    }

    /// <summary>Reopens a node from its descriptor, reports what it sees, writes a marker into an array, and prints its own descriptor.</summary>
    private static void Reopen(string json)
    {
        var descriptor = NodeDescriptor.FromJson(json);
        var node = descriptor.Open();
        Console.WriteLine("type=" + node.GetType().Name);
        Console.WriteLine("sync=" + (node switch { ZarrArray x => x.Synchronizer?.TypeName, ZarrGroup g => g.Synchronizer?.TypeName, _ => null } ?? "none"));
        if (node is ZarrArray array)
        {
            var z = array.As<long>();
            Console.WriteLine("sum=" + z.Read().Data.Sum().ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (!z.ReadOnly) z.SetValue([0], -1);
        }
        else if (node is ZarrGroup group)
        {
            Console.WriteLine("members=" + string.Join(",", group.Keys()));
        }
        Console.WriteLine("descriptor=" + node.Describe()!.ToJson());
    }
}
