using System.CommandLine;
using System.CommandLine.Invocation;
using Zarr.Cli;
using Zarr.Cli.Commands;

return ZarrCli.Run(args);

namespace Zarr.Cli
{
    /// <summary>The <c>zarr</c> command: parses the command line and turns every failure into one line on stderr.</summary>
    internal static class ZarrCli
    {
        /// <summary>Exit code of a failed command.</summary>
        public const int Failure = 1;

        /// <summary>Exit code of a command line that does not parse.</summary>
        public const int Usage = 2;

        public static RootCommand CreateRoot()
        {
            var root = new RootCommand("zarr: inspect, print, copy and consolidate Zarr v2 stores (directories and .zip files), as zarr-python 2.13 does.")
            {
                InfoCommand.Create(),
                TreeCommand.Create(),
                CatCommand.Create(),
                CopyCommand.Create(),
                ConsolidateCommand.Create(),
                CodegenCommand.Create(),
            };
            return root;
        }

        public static int Run(string[] args)
        {
            var root = CreateRoot();
            var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
            if (parse.Action is ParseErrorAction || (parse.Action is null && parse.Errors.Count > 0))
            {
                // An unknown word explains more than the "required command" error it causes.
                var error = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? (parse.Errors.Count > 0 ? parse.Errors[0] : null);
                var message = error?.Message ?? "a command is required.";
                var command = parse.CommandResult.Command;
                var help = command is RootCommand ? "zarr --help" : $"zarr {command.Name} --help";
                Console.Error.WriteLine($"zarr: {message.TrimEnd('.')}. See '{help}'.");
                return Usage;
            }
            if (parse.Action is null)
            {
                Console.Error.WriteLine("zarr: a command is required (info, tree, cat, copy, consolidate, codegen). See 'zarr --help'.");
                return Usage;
            }
            try
            {
                return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
            }
            catch (Exception e)
            {
                Console.Out.Flush();
                Console.Error.WriteLine("zarr: " + Describe(e));
                if (Environment.GetEnvironmentVariable("ZARR_CLI_DEBUG") is "1") Console.Error.WriteLine(e);
                return Failure;
            }
        }

        // One line saying what went wrong, without a stack trace.
        private static string Describe(Exception e)
        {
            var message = e switch
            {
                CliException or ZarrException => e.Message,
                AggregateException { InnerExceptions.Count: > 0 } a => Describe(a.InnerExceptions[0]),
                ArgumentException or IOException or UnauthorizedAccessException or InvalidDataException
                    or KeyNotFoundException or InvalidOperationException or NotSupportedException or FormatException => e.Message,
                _ => $"internal error ({e.GetType().Name}): {e.Message}",
            };
            return message.ReplaceLineEndings(" ");
        }
    }
}
