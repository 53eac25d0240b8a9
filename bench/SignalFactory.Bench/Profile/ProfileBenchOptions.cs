using System.Globalization;

namespace SignalFactory.Bench.Profile;

/// <summary>Options of <c>profile</c>: <c>--rows N --partitions P --threads T --runs R --memory-limit L --dir D --table T --only-ours --verbose</c>.</summary>
internal sealed record ProfileBenchOptions
{
    public int RowsPerPartition { get; init; } = 1_000_000;

    public int Partitions { get; init; } = 7;

    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Runs per contender (default 3; 1 with <see cref="OnlyOurs"/>).</summary>
    public int? Runs { get; init; }

    public string MemoryLimit { get; init; } = "1GB";

    /// <summary>Lake folder: reused when it already holds the example lake, else generated there and kept.</summary>
    public string? Directory { get; init; }

    /// <summary>
    /// An existing table folder to measure instead of generating a lake: a Delta table (with <c>_delta_log</c>) or
    /// Hive-style Parquet partitions.
    /// </summary>
    public string? Table { get; init; }

    /// <summary>Profile once and skip the references (to time the whole process from outside).</summary>
    public bool OnlyOurs { get; init; }

    /// <summary>Print the time of each step of every profile run.</summary>
    public bool Verbose { get; init; }

    public static ProfileBenchOptions Parse(string[] args)
    {
        var options = new ProfileBenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Number() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new ArgumentException($"{args[i - 1]} needs a positive whole number.");
            options = args[i] switch
            {
                "--rows" => options with { RowsPerPartition = Number() },
                "--partitions" => options with { Partitions = Number() },
                "--threads" => options with { Threads = Number() },
                "--runs" => options with { Runs = Number() },
                "--memory-limit" => options with { MemoryLimit = Value() },
                "--dir" => options with { Directory = Value() },
                "--table" => options with { Table = Value() },
                "--only-ours" => options with { OnlyOurs = true },
                "--verbose" => options with { Verbose = true },
                _ => throw new ArgumentException($"unknown option '{args[i]}'."),
            };
        }

        return options;
    }
}
