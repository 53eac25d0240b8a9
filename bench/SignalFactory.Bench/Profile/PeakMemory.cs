using System.Globalization;

namespace SignalFactory.Bench.Profile;

/// <summary>
/// The process's peak resident memory (VmHWM in /proc/self/status, Linux). <see cref="Reset"/> writes 5 to
/// /proc/self/clear_refs, which restarts the peak from the current size, so each phase gets its own peak.
/// </summary>
internal static class PeakMemory
{
    public static bool Reset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Peak resident bytes, or null where /proc is not available.</summary>
    public static long? Read()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            var kb = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            return kb is null ? null : long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
