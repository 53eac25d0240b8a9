using static SignalFactory.Examples.Lake.Tables.GeneratorSql;

namespace SignalFactory.Examples.Lake.Tables;

/// <summary>
/// Rows of <c>customer_events</c> (parameters $1-$6, see <see cref="GeneratorSql"/>). Customers share the id space
/// and the e-mail derivation of <c>orders_enriched</c>, so a customer has the same address in both tables.
/// </summary>
internal static class CustomerEventsSql
{
    private static readonly string[] Devices = ["ios", "android", "web", "desktop"];

    /// <summary>The SELECT producing one slice of a partition, columns in <see cref="ExampleLakeSchema.CustomerEvents"/> order.</summary>
    public static string Select { get; } = Typed(ExampleLakeSchema.CustomerEvents, Build());

    private static string Build()
    {
        var nulls = ExampleLakeSchema.CustomerEventsNullRates;
        var keys = $"""
            SELECT *,
                CAST(1 + {Hash("r", 101)} % {CustomersSql.CustomerCount} AS INTEGER) AS customer_id,
                {Hash("r", 102)} % 100 AS h_type,
                {WithNulls(nulls["device"], Pick(Hash("r", 103), Devices))} AS device_value
            FROM ({RowRange})
            """;
        var micros = $"(($6::BIGINT + {Hash("r", 106)} % 86400) * 1000000) + {Hash("r", 107)} % 1000000";
        return $"""
            SELECT
                CAST(20000000000 + r AS BIGINT) AS event_id,
                customer_id,
                CASE WHEN h_type < 50 THEN 'page_view'
                     WHEN h_type < 65 THEN 'search'
                     WHEN h_type < 85 THEN 'add_to_cart'
                     WHEN h_type < 93 THEN 'checkout'
                     ELSE 'login' END AS event_type,
                {CustomersSql.EmailOf("customer_id")} AS email,
                {Ipv4($"{Hash("r", 104)} % 212", Hash("r", 105))} AS ip,
                CASE WHEN h_type >= 65 AND h_type < 93 THEN round(1 + CAST({Hash("r", 108)} % 49900 AS DOUBLE) / 100, 2) ELSE 0.0 END AS amount,
                {TimestampFromMicros(micros)} AS event_ts,
                device_value AS device,
                coalesce(device_value IN ('ios', 'android'), FALSE) AS is_mobile
            FROM ({keys})
            """;
    }
}
