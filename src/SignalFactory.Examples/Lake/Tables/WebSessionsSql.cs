using static SignalFactory.Examples.Lake.Tables.GeneratorSql;

namespace SignalFactory.Examples.Lake.Tables;

/// <summary>Rows of the small Tier-3 table <c>web_sessions</c> (parameters $1-$6, see <see cref="GeneratorSql"/>).</summary>
internal static class WebSessionsSql
{
    private static readonly string[] Pages = ["/", "/home", "/search", "/products", "/deals", "/cart", "/account", "/help"];

    private static readonly string[] Referrers =
        ["google.com", "bing.com", "duckduckgo.com", "facebook.com", "instagram.com", "newsletter", "partner.example"];

    private static readonly string[] Countries = ["US", "US", "US", "CA", "GB", "DE", "FR", "IN", "BR", "JP"];

    private static readonly string[] Browsers = ["chrome", "safari", "firefox", "edge", "samsung"];

    /// <summary>The SELECT producing one slice of a partition, columns in <see cref="ExampleLakeSchema.WebSessions"/> order.</summary>
    public static string Select { get; } = Typed(ExampleLakeSchema.WebSessions, Build());

    private static string Build()
    {
        var nulls = ExampleLakeSchema.WebSessionsNullRates;
        return $"""
            SELECT
                printf('%08x%08x%08x%08x', {Hash("r", 201)}, {Hash("r", 202)}, {Hash("r", 203)}, {Hash("r", 204)}) AS session_id,
                {WithNulls(nulls["customer_id"], $"CAST(1 + {Hash("r", 205)} % {CustomersSql.CustomerCount} AS INTEGER)")} AS customer_id,
                {Pick(Hash("r", 206), Pages)} AS landing_page,
                {WithNulls(nulls["referrer"], Pick(Hash("r", 207), Referrers))} AS referrer,
                CAST(1 + {Hash("r", 208)} % 12 AS INTEGER) AS page_views,
                CAST({Hash("r", 209)} % 3600000 AS DOUBLE) / 1000 AS duration_seconds,
                {TimestampFromMicros($"($6::BIGINT + {Hash("r", 210)} % 86400) * 1000000")} AS started_at,
                {Pick(Hash("r", 211), Countries)} AS country,
                {Pick(Hash("r", 212), Browsers)} AS browser
            FROM ({RowRange})
            """;
    }
}
