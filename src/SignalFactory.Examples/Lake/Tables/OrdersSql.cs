using static SignalFactory.Examples.Lake.Tables.GeneratorSql;

namespace SignalFactory.Examples.Lake.Tables;

/// <summary>
/// Rows of <c>orders_enriched</c>. Besides the common parameters ($1-$6, see <see cref="GeneratorSql"/>) it takes
/// $7, the revision: 0 for the first write of a partition, 1 for the MERGE-style rewrite, which ships the orders
/// still PLACED and leaves every other value (and every null) unchanged. Needs <see cref="CustomersSql"/>'s table.
/// </summary>
internal static class OrdersSql
{
    private static readonly string[] Coupons = ["SAVE10", "WELCOME5", "FREESHIP", "SPRING20", "VIP15", "BUNDLE3"];

    // Free text that is no longer than 32 characters, so Delta string statistics never need truncating.
    private static readonly string[] Notes =
    [
        "leave at front door", "gift wrap please", "call on arrival", "fragile, handle with care",
        "deliver after 5pm", "no signature needed", "ring the bell twice", "back entrance please",
    ];

    /// <summary>The SELECT producing one slice of a partition, columns in <see cref="ExampleLakeSchema.Orders"/> order.</summary>
    /// <remarks>A join may reorder rows; the final ORDER BY restores the row order the file bytes depend on.</remarks>
    public static string Select { get; } = Typed(ExampleLakeSchema.Orders, Build(), orderByRow: true);

    private static string Build()
    {
        // Each 32-bit hash feeds several small choices (x % a, then (x // a) % b, ...) to keep the hash count low:
        // hashing is a large share of the generation time.
        var keys = $"""
            SELECT *,
                {Hash("r", 1)} AS h_customer,
                {Hash("r", 2)} AS h_time,
                {Hash("r", 3)} AS h_tracking_a,
                {Hash("r", 4)} AS h_tracking_b,
                {Hash("r", 5)} AS h_total,
                {Hash("r", 6)} AS h_misc,
                {Hash("r", 7)} AS h_pick,
                {Hash("r", 8)} AS h_ip
            FROM ({RowRange})
            """;
        var derived = $"""
            SELECT *,
                CAST(1 + h_customer % {CustomersSql.CustomerCount} AS INTEGER) AS customer_id,
                (1 + h_tracking_a % 9) * 100000000000000 + ((h_tracking_a // 9) % 10000000) * 10000000 + h_tracking_b % 10000000 AS tracking_body,
                1 + (h_tracking_b // 10000000) % 9 AS tracking_offset,
                (($6::BIGINT - CASE WHEN (h_customer // {CustomersSql.CustomerCount}) % 100 < 3 THEN 86400 ELSE 0 END + h_time % 86400) * 1000000) + ((h_time // 86400) % 1000) * 1000 AS created_us
            FROM ({keys})
            """;
        var customer = $"""
            SELECT o.*, c.email AS c_email, c.phone AS c_phone, c.ssn AS c_ssn, c.card_number AS c_card
            FROM ({derived}) AS o JOIN {CustomersSql.TableName} AS c USING (customer_id)
            """;

        var nulls = ExampleLakeSchema.OrdersNullRates;
        var placed = "CASE WHEN $7::INTEGER = 1 THEN 'SHIPPED' ELSE 'PLACED' END";
        var status = "(h_misc // 21000) % 100";
        return $"""
            SELECT
                i,
                10000000000 + r AS order_id,
                customer_id,
                c_email AS customer_email,
                {WithNulls(nulls["customer_phone"], "c_phone")} AS customer_phone,
                c_ssn AS customer_ssn,
                c_card AS card_number,
                CAST(tracking_body * 10 + ({LuhnCheckDigit("tracking_body")} + tracking_offset) % 10 AS VARCHAR) AS tracking_number,
                {Ipv4("h_pick % 212", "h_ip")} AS client_ip,
                CAST(CAST(CASE WHEN (h_total // 200000) % 10 = 0 THEN 20000 + h_total % 180000 ELSE 500 + h_total % 19500 END AS DECIMAL(14,0)) * 0.01 AS DECIMAL(12,2)) AS order_total,
                {WithNulls(nulls["discount_pct"], "CAST((h_pick // 212) % 41 AS DOUBLE) / 100")} AS discount_pct,
                CASE WHEN h_misc % 10 = 0 THEN 4 + ((h_misc // 10) % 21) % 7 ELSE 1 + ((h_misc // 10) % 21) % 3 END AS quantity,
                ((h_misc // 210) % 100 < 8) AS is_gift,
                CASE WHEN {status} < 15 THEN {placed}
                     WHEN {status} < 35 THEN 'SHIPPED'
                     WHEN {status} < 90 THEN 'DELIVERED'
                     WHEN {status} < 96 THEN 'CANCELLED'
                     ELSE 'RETURNED' END AS status,
                CAST({TimestampFromMicros("created_us")} AS DATE) AS order_date,
                {TimestampTzFromMicros("created_us")} AS created_at,
                {WithNulls(nulls["coupon_code"], Pick("(h_pick // 8692)", Coupons))} AS coupon_code,
                {WithNulls(nulls["notes"], Pick("(h_pick // 52152)", Notes))} AS notes
            FROM ({customer})
            """;
    }
}
