using SignalFactory.Profiling.Baselines;

namespace SignalFactory.Profiling.Tests.Baselines;

internal static class SampleBaselines
{
    public static readonly DateTimeOffset ProfiledAt = new(2026, 2, 15, 10, 35, 0, 123, TimeSpan.Zero);

    /// <summary>A small but complete baseline; every optional field set.</summary>
    public static Baseline Small() => new()
    {
        DatasetUrn = "ds://curated/orders",
        BootstrapId = "boot-1",
        ProfilingMetadata = new ProfilingMetadata
        {
            ProfiledAt = ProfiledAt,
            PartitionsSampled = 3,
            DateRange = ["2026-02-12", "2026-02-14"],
            TotalRowsSampled = 300,
            ProfilingEngine = ProfilingEngines.DuckDb,
            IsSynthetic = false,
            Confidence = BaselineConfidence.Medium,
            ProfilingMode = ProfilingModes.Full,
            SampleRate = 1.0,
            VolumeSource = VolumeSources.Profiled,
            DurationMs = 1500,
            Warnings =
            [
                new BaselineWarning { Code = BaselineWarningCodes.CorruptFileSkipped, File = "part-1.parquet", Partition = "2026-02-13", Message = "Footer unreadable." },
            ],
        },
        Volume = new VolumeBaseline
        {
            AvgRowCount = 100,
            StddevRowCount = 10,
            MinRowCount = 90,
            MaxRowCount = 110,
            AnomalyLowerBound = 80,
            AnomalyUpperBound = 120,
            MedianRowCount = 100,
            MadRowCount = 10,
            RobustLowerBound = 70,
            RobustUpperBound = 130,
            SigmaMultiplier = 2,
        },
        Schema = new SchemaBaseline
        {
            ColumnCount = 2,
            CanonicalFingerprint = "sha256:abc",
            Columns =
            [
                new SchemaColumn { Name = "id", Type = "LONG", Nullable = false, NullRate = 0 },
                new SchemaColumn { Name = "email", Type = "STRING", Nullable = true, NullRate = 0.00001 },
            ],
        },
        Timing = new TimingBaseline
        {
            AvgDurationMs = 2000,
            P50DurationMs = 1900,
            P95DurationMs = 2500,
            P99DurationMs = 2500,
            TypicalArrivalOffsetMin = -8,
            Source = TimingSources.DeltaCommitInfo,
        },
        PiiScan = new PiiScanBaseline
        {
            ColumnsWithPii = ["email"],
            PiiPatternsDetected = new Dictionary<string, PiiFinding>
            {
                ["email"] = new() { Pattern = "EMAIL", Confidence = 2.0 / 3, Validator = "email_structure", Matched = 2, Sampled = 3 },
            },
            ColumnsScanned = ["email"],
            Timeouts = [],
        },
        NullRates = new Dictionary<string, double> { ["id"] = 0, ["email"] = 0.00001 },
        PartitionRowCounts =
        [
            new PartitionRowCount { Partition = "2026-02-14", RowCount = 110 },
            new PartitionRowCount { Partition = "2026-02-12", RowCount = 90 },
            new PartitionRowCount { Partition = "2026-02-13", RowCount = 100 },
        ],
        ColumnProfiles = new Dictionary<string, ColumnProfile>
        {
            ["id"] = new()
            {
                NullCount = 0,
                NullRate = 0,
                Min = ColumnBound.Number(1L),
                Max = ColumnBound.Number(300L),
                ApproxDistinct = 300,
                Histogram = new Histogram { Edges = [1, 150.5, 300], Counts = [150, 150] },
            },
            ["email"] = new()
            {
                NullCount = 0,
                NullRate = 0.00001,
                Min = ColumnBound.Number(5L), // must be dropped: the column is flagged as PII
                ApproxDistinct = 3,
                StringLength = new StringLengthStats { Min = 11, Max = 19, Avg = 15.0 / 3.5 },
            },
        },
    };

    /// <summary>The exact bytes <see cref="Small"/> must serialize to, written by hand.</summary>
    public const string SmallJson = """
{
  "dataset_urn": "ds://curated/orders",
  "bootstrap_id": "boot-1",
  "profiling_metadata": {
    "profiled_at": "2026-02-15T10:35:00Z",
    "partitions_sampled": 3,
    "date_range": [
      "2026-02-12",
      "2026-02-14"
    ],
    "total_rows_sampled": 300,
    "profiling_engine": "duckdb",
    "is_synthetic": false,
    "confidence": "MEDIUM",
    "profiling_mode": "full",
    "sample_rate": 1,
    "volume_source": "profiled",
    "duration_ms": 1500,
    "warnings": [
      {
        "code": "CORRUPT_FILE_SKIPPED",
        "partition": "2026-02-13",
        "file": "part-1.parquet",
        "message": "Footer unreadable."
      }
    ]
  },
  "volume": {
    "avg_row_count": 100,
    "stddev_row_count": 10,
    "min_row_count": 90,
    "max_row_count": 110,
    "anomaly_lower_bound": 80,
    "anomaly_upper_bound": 120,
    "median_row_count": 100,
    "mad_row_count": 10,
    "robust_lower_bound": 70,
    "robust_upper_bound": 130,
    "sigma_multiplier": 2
  },
  "schema": {
    "column_count": 2,
    "canonical_fingerprint": "sha256:abc",
    "columns": [
      {
        "name": "id",
        "type": "LONG",
        "nullable": false,
        "null_rate": 0
      },
      {
        "name": "email",
        "type": "STRING",
        "nullable": true,
        "null_rate": 0.00001
      }
    ]
  },
  "timing": {
    "avg_duration_ms": 2000,
    "p50_duration_ms": 1900,
    "p95_duration_ms": 2500,
    "p99_duration_ms": 2500,
    "typical_arrival_offset_min": -8,
    "source": "delta_commit_info"
  },
  "pii_scan": {
    "columns_with_pii": [
      "email"
    ],
    "pii_patterns_detected": {
      "email": {
        "pattern": "EMAIL",
        "confidence": 0.666667,
        "validator": "email_structure",
        "matched": 2,
        "sampled": 3
      }
    },
    "columns_scanned": [
      "email"
    ],
    "timeouts": []
  },
  "null_rates": {
    "email": 0.00001,
    "id": 0
  },
  "partition_row_counts": [
    {
      "partition": "2026-02-12",
      "row_count": 90
    },
    {
      "partition": "2026-02-13",
      "row_count": 100
    },
    {
      "partition": "2026-02-14",
      "row_count": 110
    }
  ],
  "column_profiles": {
    "email": {
      "null_count": 0,
      "null_rate": 0.00001,
      "approx_distinct": 3,
      "string_length": {
        "min": 11,
        "max": 19,
        "avg": 4.285714
      }
    },
    "id": {
      "null_count": 0,
      "null_rate": 0,
      "min": 1,
      "max": 300,
      "approx_distinct": 300,
      "histogram": {
        "edges": [
          1,
          150.5,
          300
        ],
        "counts": [
          150,
          150
        ]
      }
    }
  }
}

""";
}
