namespace SignalFactory.Examples.Lake;

/// <summary>A column of an example table.</summary>
/// <param name="Name">Column name.</param>
/// <param name="DuckDbType">The DuckDB type written to Parquet, e.g. <c>DECIMAL(12,2)</c>.</param>
/// <param name="DeltaType">The Delta (Spark) schema type, e.g. <c>decimal(12,2)</c>.</param>
/// <param name="Nulls">The exact null rule.</param>
/// <param name="PiiPattern">The PII pattern the values look like (EMAIL, PHONE, SSN, CREDIT_CARD, IP_ADDRESS), or null.</param>
public sealed record ExampleColumn(string Name, string DuckDbType, string DeltaType, NullRate Nulls, string? PiiPattern = null)
{
    /// <summary>Whether the Delta schema declares the column nullable.</summary>
    public bool Nullable { get; init; } = true;
}

/// <summary>The data columns of an example table (the <c>dt</c> partition column lives in folder names, not files).</summary>
/// <param name="Name">Table name.</param>
/// <param name="Columns">Data columns in file order.</param>
public sealed record ExampleTableSchema(string Name, IReadOnlyList<ExampleColumn> Columns)
{
    /// <summary>Null rule of every data column, by name (columns that are never null included).</summary>
    public IReadOnlyDictionary<string, NullRate> NullRates { get; } = Columns.ToDictionary(c => c.Name, c => c.Nulls);
}

/// <summary>
/// The tables of the example lake, their columns and exact null rates. Tests and demos read these constants
/// instead of hard-coding what the generator writes.
/// </summary>
public static class ExampleLakeSchema
{
    /// <summary>The partition column of every table: a <c>YYYY-MM-DD</c> string.</summary>
    public const string PartitionColumn = "dt";

    /// <summary>Name of the Delta table.</summary>
    public const string OrdersTableName = "orders_enriched";

    /// <summary>Name of the Hive-partitioned Parquet table (Tier-2).</summary>
    public const string CustomerEventsTableName = "customer_events";

    /// <summary>Name of the small Hive-partitioned Parquet table (Tier-3).</summary>
    public const string WebSessionsTableName = "web_sessions";

    /// <summary>Folder of the <c>dataset.yaml</c> files inside the lake.</summary>
    public const string ManifestFolder = "manifests";

    /// <summary><c>web_sessions</c> has RowsPerPartition / this many rows per partition (at least one).</summary>
    public const int WebSessionsRowDivisor = 10;

    /// <summary>Discount: null for 1 row in 10.</summary>
    public static NullRate DiscountNulls { get; } = new(1, 10);

    /// <summary>Coupon code: null for 7 rows in 10.</summary>
    public static NullRate CouponNulls { get; } = new(7, 10);

    /// <summary>Free-text notes: null for 19 rows in 20.</summary>
    public static NullRate NotesNulls { get; } = new(19, 20);

    /// <summary>Customer phone: null for 1 row in 20.</summary>
    public static NullRate PhoneNulls { get; } = new(1, 20);

    /// <summary>Event device: null for 1 row in 5.</summary>
    public static NullRate DeviceNulls { get; } = new(1, 5);

    /// <summary>Session customer (anonymous sessions): null for 3 rows in 10.</summary>
    public static NullRate SessionCustomerNulls { get; } = new(3, 10);

    /// <summary>Session referrer: null for 2 rows in 5.</summary>
    public static NullRate ReferrerNulls { get; } = new(2, 5);

    /// <summary><c>orders_enriched</c> (Delta, Tier-1).</summary>
    public static ExampleTableSchema Orders { get; } = new(OrdersTableName,
    [
        new("order_id", "BIGINT", "long", NullRate.Never) { Nullable = false },
        new("customer_id", "INTEGER", "integer", NullRate.Never),
        new("customer_email", "VARCHAR", "string", NullRate.Never, "EMAIL"),
        new("customer_phone", "VARCHAR", "string", PhoneNulls, "PHONE"),
        new("customer_ssn", "VARCHAR", "string", NullRate.Never, "SSN"),
        new("card_number", "VARCHAR", "string", NullRate.Never, "CREDIT_CARD"),
        new("tracking_number", "VARCHAR", "string", NullRate.Never),
        new("client_ip", "VARCHAR", "string", NullRate.Never, "IP_ADDRESS"),
        new("order_total", "DECIMAL(12,2)", "decimal(12,2)", NullRate.Never),
        new("discount_pct", "DOUBLE", "double", DiscountNulls),
        new("quantity", "INTEGER", "integer", NullRate.Never),
        new("is_gift", "BOOLEAN", "boolean", NullRate.Never),
        new("status", "VARCHAR", "string", NullRate.Never),
        new("order_date", "DATE", "date", NullRate.Never),
        new("created_at", "TIMESTAMP WITH TIME ZONE", "timestamp", NullRate.Never),
        new("coupon_code", "VARCHAR", "string", CouponNulls),
        new("notes", "VARCHAR", "string", NotesNulls),
    ]);

    /// <summary><c>customer_events</c> (Hive-partitioned Parquet, Tier-2).</summary>
    public static ExampleTableSchema CustomerEvents { get; } = new(CustomerEventsTableName,
    [
        new("event_id", "BIGINT", "long", NullRate.Never),
        new("customer_id", "INTEGER", "integer", NullRate.Never),
        new("event_type", "VARCHAR", "string", NullRate.Never),
        new("email", "VARCHAR", "string", NullRate.Never, "EMAIL"),
        new("ip", "VARCHAR", "string", NullRate.Never, "IP_ADDRESS"),
        new("amount", "DOUBLE", "double", NullRate.Never),
        new("event_ts", "TIMESTAMP", "timestamp_ntz", NullRate.Never),
        new("device", "VARCHAR", "string", DeviceNulls),
        new("is_mobile", "BOOLEAN", "boolean", NullRate.Never),
    ]);

    /// <summary><c>web_sessions</c> (small Hive-partitioned Parquet, Tier-3).</summary>
    public static ExampleTableSchema WebSessions { get; } = new(WebSessionsTableName,
    [
        new("session_id", "VARCHAR", "string", NullRate.Never),
        new("customer_id", "INTEGER", "integer", SessionCustomerNulls),
        new("landing_page", "VARCHAR", "string", NullRate.Never),
        new("referrer", "VARCHAR", "string", ReferrerNulls),
        new("page_views", "INTEGER", "integer", NullRate.Never),
        new("duration_seconds", "DOUBLE", "double", NullRate.Never),
        new("started_at", "TIMESTAMP", "timestamp_ntz", NullRate.Never),
        new("country", "VARCHAR", "string", NullRate.Never),
        new("browser", "VARCHAR", "string", NullRate.Never),
    ]);

    /// <summary>Null rules of <c>orders_enriched</c>, by column.</summary>
    public static IReadOnlyDictionary<string, NullRate> OrdersNullRates => Orders.NullRates;

    /// <summary>Null rules of <c>customer_events</c>, by column.</summary>
    public static IReadOnlyDictionary<string, NullRate> CustomerEventsNullRates => CustomerEvents.NullRates;

    /// <summary>Null rules of <c>web_sessions</c>, by column.</summary>
    public static IReadOnlyDictionary<string, NullRate> WebSessionsNullRates => WebSessions.NullRates;
}
