namespace SignalFactory.Profiling.Tests.Pii;

/// <summary>Real-looking values and decoys. The cards are the networks' published test numbers (valid by Luhn).</summary>
internal static class PiiSamples
{
    public static readonly string[] Emails =
    [
        "alice.smith@example.com", "bob_jones+news@mail.example.org", "c.d@sub.domain.co.uk", "x123@test.io",
        "maria.garcia@empresa.es", "li.wei@company.cn", "obrien@example.ie",
        "first-last@my-domain.net", "UPPER.CASE@EXAMPLE.COM", "n%percent@example.com",
    ];

    public static readonly string[] Phones =
    [
        "(415) 555-2671", "415-555-2671", "415.555.2671", "+1 415 555 2671", "14155552671", "4155552671",
        "+44 20 7946 0958", "+49 30 901820", "+33 1 09 75 83 51", "1-800-555-0199", "(212)555-0143", "+14155552671",
    ];

    public static readonly string[] Ssns =
    [
        "123-45-6789", "234-56-7890", "345-67-8901", "456-78-9012", "567-89-0123", "078-05-1121",
        "665-12-3456", "899-99-9999", "001-01-0001", "321 54 9876",
    ];

    public static readonly string[] Cards =
    [
        "4111 1111 1111 1111", "5500-0000-0000-0004", "378282246310005", "6011111111111117", "4012888888881881",
        "5105105105105100", "3530111333300000", "4222222222222", "371449635398431", "6011 0009 9013 9424",
    ];

    public static readonly string[] Ips =
    [
        "192.168.1.1", "10.0.0.255", "172.16.254.3", "8.8.8.8", "255.255.255.255", "0.0.0.0", "203.0.113.42",
        "198.51.100.7", "100.64.0.1", "1.2.3.4",
    ];

    /// <summary>The cards above with the check digit changed: a Luhn number has exactly one valid check digit.</summary>
    public static readonly string[] NonLuhnCards =
    [
        "4111111111111112", "5500000000000005", "6011111111111118", "4012888888881882", "5105105105105101",
        "3530111333300001", "4222222222223",
    ];

    public static readonly string[] InvalidSsns =
    [
        "000-12-3456", "666-12-3456", "900-12-3456", "999-45-6789", "123-00-4567", "123-45-0000", "078-05-1120",
    ];

    public static readonly string[] InvalidIps = ["999.1.1.1", "256.0.0.1", "01.2.3.4", "1.2.3.040", "300.300.300.300"];

    public static readonly string[] OrderIds = ["ORD-000123", "ORD-2024-000124", "PO-778812", "A1B2C3", "100234", "2024000123456"];

    public static readonly string[] Dates = ["2024-01-15", "2024/01/15", "20240115", "2024-01-15T10:30:00Z", "15.01.2024"];

    public static readonly string[] ZipCodes = ["94105", "10001-1234", "SW1A 1AA", "75008"];

    public static readonly string[] Prices = ["19.99", "1,299.00", "$5.00", "0.5", "1999.9900"];

    /// <summary>UUIDs from a seeded generator.</summary>
    public static string[] Uuids(int count)
    {
        var random = new Random(7);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            return new Guid(bytes).ToString();
        })];
    }

    /// <summary>Random 16-digit numbers from a seeded generator (first digit 1–9).</summary>
    public static string[] Random16Digits(int count)
    {
        var random = new Random(1234);
        return [.. Enumerable.Range(0, count).Select(_ =>
            random.Next(1, 10).ToString(System.Globalization.CultureInfo.InvariantCulture)
            + string.Concat(Enumerable.Range(0, 15).Select(_ => (char)('0' + random.Next(10)))))];
    }
}
