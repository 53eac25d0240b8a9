using static SignalFactory.Examples.Lake.Tables.GeneratorSql;

namespace SignalFactory.Examples.Lake.Tables;

/// <summary>
/// The customer dimension, built once per run in a temporary table: every PII attribute that belongs to a customer
/// (e-mail, phone, SSN, card) is a function of the customer id, so orders join to it instead of formatting strings
/// for every row — string formatting is the dearest part of generating a row. Parameter: $1 mixed seed.
/// </summary>
internal static class CustomersSql
{
    /// <summary>Customer ids are 1 to this.</summary>
    public const int CustomerCount = 100_000;

    public const string TableName = "sf_customers";

    public const string Create =
        "CREATE OR REPLACE TEMP TABLE sf_customers (customer_id INTEGER, email VARCHAR, phone VARCHAR, ssn VARCHAR, card_number VARCHAR)";

    public static string Insert { get; } = Build();

    /// <summary>The e-mail of a customer; events use the same expression, so a customer has one address everywhere.</summary>
    public static string EmailOf(string customerId) => Email(Hash(customerId, 42));

    private static string Build()
    {
        var hashes = $"""
            SELECT customer_id,
                {Hash("customer_id", 40)} AS h_card_a,
                {Hash("customer_id", 41)} AS h_card_b,
                {Hash("customer_id", 43)} AS h_phone,
                {Hash("customer_id", 44)} AS h_ssn
            FROM (SELECT CAST(range + 1 AS INTEGER) AS customer_id FROM range({CustomerCount}))
            """;
        var body = $"SELECT *, 400000000000000 + (h_card_a % 10000000) * 10000000 + h_card_b % 10000000 AS card_body FROM ({hashes})";
        return $"""
            INSERT INTO sf_customers
            SELECT
                customer_id,
                {EmailOf("customer_id")},
                {Phone("h_phone")},
                {Ssn("h_ssn")},
                CAST(card_body * 10 + {LuhnCheckDigit("card_body")} AS VARCHAR)
            FROM ({body})
            ORDER BY customer_id
            """;
    }
}
