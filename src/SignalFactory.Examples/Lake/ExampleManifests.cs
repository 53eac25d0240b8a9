namespace SignalFactory.Examples.Lake;

/// <summary>The three example manifests: one per tier, pointing at the tables with absolute local paths.</summary>
internal static class ExampleManifests
{
    public static IReadOnlyList<ManifestSpec> For(string lakeDirectory, ExampleLakeOptions options)
    {
        var sessionRows = Math.Max(1, options.RowsPerPartition / ExampleLakeSchema.WebSessionsRowDivisor);
        string Table(string name) => Path.Combine(lakeDirectory, name);
        string Aside(string folder, string name) => Path.Combine(lakeDirectory, folder, name);

        return
        [
            new(ExampleLakeSchema.OrdersTableName, "ds://curated/orders_enriched", "data-platform", "TIER_1", "spark", "delta",
                Table(ExampleLakeSchema.OrdersTableName), Staging: null, Quarantine: Aside("_quarantine", ExampleLakeSchema.OrdersTableName),
                "airflow", "orders_daily_pipeline", "transform_orders", "15 6 * * *", "04:00 ET daily",
                MaxStalenessHours: 6, MinRowsPerPartition: Half(options.RowsPerPartition), "inline_sdk"),
            new(ExampleLakeSchema.CustomerEventsTableName, "ds://raw/customer_events", "growth-analytics", "TIER_2", "python", "parquet",
                Table(ExampleLakeSchema.CustomerEventsTableName), Aside("_staging", ExampleLakeSchema.CustomerEventsTableName),
                Aside("_quarantine", ExampleLakeSchema.CustomerEventsTableName),
                "airflow", "customer_events_daily", "export_events", "0 7 * * *", "05:00 ET daily",
                MaxStalenessHours: 24, MinRowsPerPartition: Half(options.RowsPerPartition), "post_write"),
            new(ExampleLakeSchema.WebSessionsTableName, "ds://analytics/web_sessions", "web-insights", "TIER_3", "dask", "parquet",
                Table(ExampleLakeSchema.WebSessionsTableName), Aside("_staging", ExampleLakeSchema.WebSessionsTableName),
                Aside("_quarantine", ExampleLakeSchema.WebSessionsTableName),
                "dagster", "web_sessions_rollup", "build_sessions", "0 8 * * *", "06:00 ET daily",
                MaxStalenessHours: 48, MinRowsPerPartition: Half(sessionRows), "post_write"),
        ];
    }

    private static long Half(long rows) => Math.Max(1, rows / 2);
}
