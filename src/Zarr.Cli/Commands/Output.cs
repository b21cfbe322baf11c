using Spectre.Console;

namespace Zarr.Cli.Commands;

/// <summary>Where commands write: plain text when stdout is redirected (or --plain), Spectre rendering on a terminal.</summary>
internal static class Output
{
    /// <summary>True when output should be drawn with colours and boxes.</summary>
    public static bool IsRich(bool plain) => !plain && !Console.IsOutputRedirected;

    /// <summary>A Spectre console on stdout.</summary>
    public static IAnsiConsole Stdout() => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });

    /// <summary>A Spectre console on stderr (for progress), or null when stderr is not a terminal.</summary>
    public static IAnsiConsole? InteractiveStderr()
    {
        if (Console.IsErrorRedirected) return null;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Profile.Capabilities.Interactive ? console : null;
    }

    /// <summary>A size as "1.5 MiB".</summary>
    public static string Bytes(long n)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
        double v = n;
        var u = 0;
        while (v >= 1024 && u < units.Length - 1)
        {
            v /= 1024;
            u++;
        }
        return u == 0 ? $"{n} B" : v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " " + units[u];
    }
}
