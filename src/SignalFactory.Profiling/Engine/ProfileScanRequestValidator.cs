namespace SignalFactory.Profiling.Engine;

/// <summary>Checks a request before anything runs; errors name the field.</summary>
internal static class ProfileScanRequestValidator
{
    public static void Validate(ProfileScanRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Files is null)
        {
            throw new ArgumentException("Files is required.", nameof(request));
        }

        var paths = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < request.Files.Count; i++)
        {
            var file = request.Files[i];
            if (file is null || string.IsNullOrWhiteSpace(file.Path))
            {
                throw new ArgumentException($"Files[{i}] has no path.", nameof(request));
            }

            if (!paths.Add(file.Path))
            {
                throw new ArgumentException($"Files[{i}] repeats the file '{file.Path}'.", nameof(request));
            }

            if (file.PartitionValues is null)
            {
                throw new ArgumentException($"Files[{i}].PartitionValues is null.", nameof(request));
            }
        }

        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in request.PartitionColumns ?? throw new ArgumentException("PartitionColumns is null.", nameof(request)))
        {
            if (key is null || string.IsNullOrEmpty(key.Name) || !keys.Add(key.Name))
            {
                throw new ArgumentException($"PartitionColumns has an empty or repeated key '{key?.Name}'.", nameof(request));
            }

            if (string.IsNullOrWhiteSpace(key.DuckDbType))
            {
                throw new ArgumentException($"Partition key '{key.Name}' has no type.", nameof(request));
            }
        }

        Check(request.HistogramBinCount is >= 1 and <= 10_000, "HistogramBinCount must be between 1 and 10,000.");
        Check(request.DistinctSampleSize is >= 0 and <= 100_000, "DistinctSampleSize must be between 0 and 100,000.");
        Check(request.SketchSampleRows >= 1, "SketchSampleRows must be at least 1.");
        Check(request.OutOfMemorySampleRate is > 0 and <= 1, "OutOfMemorySampleRate must be more than 0 and at most 1.");
        Check(request.Threads is null or >= 1, "Threads must be at least 1.");
        Check(!string.IsNullOrWhiteSpace(request.MemoryLimit), "MemoryLimit is required, e.g. \"1GB\".");
        Check(request.Mode is not null, "Mode is required.");
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message, "request");
        }
    }
}
