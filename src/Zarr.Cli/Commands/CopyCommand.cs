using System.CommandLine;
using Spectre.Console;
using Zarr.Cli.Copying;
using Zarr.Stores;

namespace Zarr.Cli.Commands;

/// <summary><c>zarr copy SRC DST</c>: copies a hierarchy or an array between directory and zip stores.</summary>
internal static class CopyCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("source") { Description = "The group or array to copy: a store (directory or .zip file), optionally followed by a path inside it." };
        var destination = new Argument<string>("destination") { Description = "Where the copy goes: a directory or .zip file, optionally followed by a path inside it. A .zip is created when missing." };
        var compressor = new Option<string?>("--compressor", "-c") { Description = "Re-compress every array: none, zlib:level=5, gzip, zstd:level=3, lz4, blosc:cname=zstd,clevel=3,shuffle=2 …" };
        var chunks = new Option<string?>("--chunks") { Description = "New chunk shape for every array: one number for all dimensions, or one per dimension (-1 = the whole dimension), e.g. 100,100." };
        var format = new Option<int?>("--format") { Description = "Write every node in this zarr format: 2 (.zarray/.zgroup) or 3 (zarr.json). Default: each node keeps its own." };
        var shards = new Option<string?>("--shards") { Description = "Store every array in shards of this shape (zarr v3; each a multiple of the chunk shape), e.g. 1000,1000; chunks become the inner chunks." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace an existing array or group at the destination." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress bar and no summary." };
        var command = new Command("copy", "Copy a group (with everything under it) or an array, re-encoding every chunk; dtype, shape, chunks, order, fill value, filters, compressor and attributes are kept unless an option changes them.")
        {
            source, destination, compressor, chunks, format, shards, overwrite, quiet,
        };
        command.SetAction(r => Run(r.GetValue(source)!, r.GetValue(destination)!, r.GetValue(compressor), r.GetValue(chunks), r.GetValue(format), r.GetValue(shards), r.GetValue(overwrite), r.GetValue(quiet)));
        return command;
    }

    private static int Run(string sourceArg, string destArg, string? compressorSpec, string? chunksSpec, int? format, string? shardsSpec, bool overwrite, bool quiet)
    {
        if (format is not (null or 2 or 3)) throw new CliException($"bad --format {format}: give 2 or 3.");
        if (shardsSpec is not null && format == 2) throw new CliException("--shards needs zarr format 3 (--format 3).");
        var settings = new CopySettings
        {
            Format = shardsSpec is not null ? 3 : format,
            Shards = shardsSpec is null ? null : ChunkSpec.Parse(shardsSpec),
            ReplaceCompressor = compressorSpec is not null,
            Compressor = compressorSpec is null ? null : CompressorSpec.Parse(compressorSpec),
            Chunks = chunksSpec is null ? null : ChunkSpec.Parse(chunksSpec),
        };
        var srcLoc = StoreLocation.Parse(sourceArg);
        var dstLoc = StoreLocation.Parse(destArg, forWriting: true);
        var sameStore = srcLoc.SameStoreAs(dstLoc);
        if (sameStore && (dstLoc.NodePath == srcLoc.NodePath || srcLoc.NodePath.Length == 0 || dstLoc.NodePath.StartsWith(srcLoc.NodePath + "/", StringComparison.Ordinal)))
            throw new CliException($"cannot copy '{sourceArg}' into itself ('{destArg}').");

        // One store instance when both sides are the same store (a zip file cannot be opened twice).
        // The source is opened first, so a missing source creates nothing.
        var src = sameStore ? null : srcLoc.Open(writable: false);
        var created = dstLoc.Url is null && !(dstLoc.IsZip ? File.Exists(dstLoc.StorePath) : Directory.Exists(dstLoc.StorePath));
        ZarrStore dest;
        try
        {
            dest = dstLoc.Open(writable: true);
        }
        catch
        {
            src?.Dispose();
            throw;
        }
        src ??= dest;
        var succeeded = false;
        try
        {
            ZarrNode node;
            try
            {
                node = ZarrNode.Open(src, "r", srcLoc.NodePath);
            }
            catch (ZarrNodeException)
            {
                throw new CliException($"'{sourceArg}' is not a Zarr array or group (no .zarray, .zgroup or zarr.json).");
            }
            PrepareDestination(dest, dstLoc, destArg, overwrite);
            var copier = new HierarchyCopier(dest, settings);
            copier.Plan(node, dstLoc.NodePath);
            var progressConsole = quiet ? null : Output.InteractiveStderr();
            if (progressConsole is null) copier.Run(null);
            else RunWithProgress(progressConsole, copier);
            // A consolidated store stays consolidated, and its .zmetadata describes the copy (new
            // compressor and chunks included), not the source.
            var reconsolidate = srcLoc.NodePath.Length == 0 && dstLoc.NodePath.Length == 0 && src.Contains(ConsolidateCommand.Key) && dest.Contains(".zgroup");
            if (reconsolidate) ZarrGroup.ConsolidateMetadata(dest);
            dest.Flush();
            if (!quiet)
            {
                Console.Out.Write($"copied {Count(copier.Arrays.Count, "array")} and {Count(copier.Groups.Count, "group")} " +
                    $"({Count(copier.TotalChunks, "chunk")}, {Output.Bytes(copier.TotalBytes)}) to {dstLoc.Display}" +
                    (reconsolidate ? ", metadata consolidated" : "") + "\n");
            }
            succeeded = true;
        }
        finally
        {
            if (!ReferenceEquals(src, dest)) src.Dispose();
            dest.Dispose();
            // A store this command created is removed again when the copy fails, so a retry does
            // not meet a half-written destination that needs --overwrite.
            if (!succeeded && created) RemoveQuietly(dstLoc);
        }
        return 0;
    }

    private static void RemoveQuietly(StoreLocation location)
    {
        try
        {
            if (location.IsZip) File.Delete(location.StorePath);
            else if (Directory.Exists(location.StorePath)) Directory.Delete(location.StorePath, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static string Count(long n, string noun) => n + " " + noun + (n == 1 ? "" : "s");

    // The destination must be empty unless --overwrite; --overwrite replaces only a Zarr node, never
    // a folder of other files.
    private static void PrepareDestination(ZarrStore dest, StoreLocation location, string destArg, bool overwrite)
    {
        var path = location.NodePath;
        var prefix = path.Length == 0 ? "" : path + "/";
        var isNode = dest.Contains(prefix + ".zarray") || dest.Contains(prefix + ".zgroup") || dest.Contains(prefix + "zarr.json");
        var hasAnything = isNode || dest.ListPrefix(prefix).Any();
        if (!hasAnything) return;
        if (!overwrite)
            throw new CliException($"'{destArg}' already exists; pass --overwrite to replace it.");
        if (!isNode)
            throw new CliException($"'{destArg}' exists and is not a Zarr array or group; refusing to overwrite it.");
        dest.DeletePrefix(path);
        if (path.Length == 0)
        {
            foreach (var k in new[] { ".zarray", ".zgroup", ".zattrs", ".zmetadata", "zarr.json" }) dest.Delete(k);
        }
    }

    internal static void RunWithProgress(IAnsiConsole console, HierarchyCopier copier)
    {
        console.Progress()
            .AutoClear(true)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("copying", maxValue: Math.Max(1, copier.TotalBytes));
                copier.Run(new SpectreProgress(task, copier.TotalChunks));
                task.Value = task.MaxValue;
            });
    }

    private sealed class SpectreProgress(ProgressTask task, long totalChunks) : ICopyProgress
    {
        private readonly Lock _gate = new();
        private long _chunks;
        private string _array = "";

        public void ArrayStarted(string name, long chunks)
        {
            lock (_gate)
            {
                _array = name;
                Describe();
            }
        }

        public void ChunkDone(long bytes)
        {
            lock (_gate)
            {
                _chunks++;
                task.Increment(bytes);
                Describe();
            }
        }

        private void Describe() => task.Description = Markup.Escape($"{_array}  {_chunks}/{totalChunks} chunks");
    }
}
