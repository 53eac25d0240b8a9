using System.Globalization;

namespace SignalFactory.Bench;

/// <summary>Minimal <c>--name value</c> parsing for benchmark verbs.</summary>
internal static class Options
{
    public static int Int(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length
            ? int.Parse(args[index + 1], CultureInfo.InvariantCulture)
            : fallback;
    }
}

/// <summary>The process's peak resident memory, read from Linux's /proc (VmHWM).</summary>
internal static class PeakMemory
{
    public static double Megabytes()
    {
        const string Prefix = "VmHWM:";
        if (!File.Exists("/proc/self/status"))
        {
            return double.NaN;
        }

        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal));
        if (line is null)
        {
            return double.NaN;
        }

        var kilobytes = long.Parse(line[Prefix.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kilobytes / 1024.0;
    }
}
