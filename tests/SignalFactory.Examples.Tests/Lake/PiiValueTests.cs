using System.Text.RegularExpressions;

namespace SignalFactory.Examples.Tests.Lake;

[Collection(LakeCollection.Name)]
public sealed partial class PiiValueTests(LakeFixture lake)
{
    [Fact]
    public void CardNumbers_AllPassLuhn()
    {
        var cards = OrderValues("card_number");

        Assert.Equal(LakeFixture.Days * LakeFixture.RowsPerPartition, cards.Count);
        Assert.All(cards, c => Assert.Matches(SixteenDigits(), c));
        Assert.All(cards, c => Assert.True(Luhn.IsValid(c), "card number fails Luhn"));
    }

    [Fact]
    public void TrackingNumbers_AllFailLuhn()
    {
        var tracking = OrderValues("tracking_number");

        Assert.Equal(LakeFixture.Days * LakeFixture.RowsPerPartition, tracking.Count);
        Assert.All(tracking, t => Assert.Matches(SixteenDigits(), t));
        Assert.All(tracking, t => Assert.False(Luhn.IsValid(t), "tracking number passes Luhn"));
    }

    [Fact]
    public void Ssns_HaveValidAreaGroupAndSerial()
    {
        var ssns = OrderValues("customer_ssn");

        Assert.NotEmpty(ssns);
        foreach (var ssn in ssns)
        {
            var match = SsnShape().Match(ssn);
            Assert.True(match.Success, "SSN shape");
            var area = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(area is > 0 and < 900 and not 666, "SSN area");
            Assert.NotEqual("00", match.Groups[2].Value);
            Assert.NotEqual("0000", match.Groups[3].Value);
        }
    }

    [Fact]
    public void Ips_AreValidIpv4InBothTables()
    {
        var ips = OrderValues("client_ip").Concat(Values("SELECT ip FROM read_parquet($1)", Glob("customer_events"))).ToList();

        Assert.NotEmpty(ips);
        foreach (var ip in ips)
        {
            var octets = ip.Split('.');
            Assert.Equal(4, octets.Length);
            Assert.All(octets, o => Assert.True(
                o.Length is > 0 and <= 3 && o.All(char.IsAsciiDigit) && int.Parse(o, System.Globalization.CultureInfo.InvariantCulture) <= 255
                && (o == "0" || o[0] != '0'), "IPv4 octet"));
        }
    }

    [Fact]
    public void EmailsAndPhones_LookLikeThePatternsTheProfilerScansFor()
    {
        var emails = OrderValues("customer_email");
        var phones = OrderValues("customer_phone");

        Assert.All(emails, e => Assert.Matches(EmailShape(), e));
        // The PHONE pattern of the LLD's PII scanner, and the two layouts the generator promises.
        Assert.All(phones, p => Assert.Matches(LldPhonePattern(), p));
        Assert.All(phones, p => Assert.Matches(PhoneLayouts(), p));
        Assert.Contains(phones, p => p.StartsWith("+1-", StringComparison.Ordinal));
        Assert.Contains(phones, p => p.StartsWith('('));
    }

    [Fact]
    public void SameCustomer_HasTheSameEmailInOrdersAndEvents()
    {
        var orders = lake.OrdersDirectory;
        var files = DeltaLogReplay.Read(orders).Active.Keys.Select(p => DeltaLogReplay.LocalPath(orders, p)).ToList();
        var conflicts = LakeFixture.Scalar(
            "SELECT count(*) FROM (SELECT customer_id, count(DISTINCT email) AS n FROM ("
            + "SELECT customer_id, customer_email AS email FROM read_parquet($1) UNION ALL "
            + "SELECT customer_id, email FROM read_parquet($2)) GROUP BY customer_id) WHERE n > 1",
            files, Glob("customer_events"));

        Assert.Equal(0, conflicts);
    }

    private List<string> OrderValues(string column)
    {
        var orders = lake.OrdersDirectory;
        var files = DeltaLogReplay.Read(orders).Active.Keys.Select(p => DeltaLogReplay.LocalPath(orders, p)).ToList();
        return Values($"SELECT {column} FROM read_parquet($1) WHERE {column} IS NOT NULL", files);
    }

    private static List<string> Values(string sql, object parameter) =>
        LakeFixture.Rows(sql, parameter).Select(r => (string)r[0]!).ToList();

    private string Glob(string table) => Path.Combine(lake.LakeDirectory, table, "dt=*", "*.parquet");

    [GeneratedRegex(@"^\d{16}$")]
    private static partial Regex SixteenDigits();

    [GeneratedRegex(@"^(\d{3})-(\d{2})-(\d{4})$")]
    private static partial Regex SsnShape();

    [GeneratedRegex(@"^[a-z]+\.[a-z]+\d{1,2}@example\.(com|org|net)$")]
    private static partial Regex EmailShape();

    [GeneratedRegex(@"^[\+]?[\d\s\-\(\)]{7,15}$")]
    private static partial Regex LldPhonePattern();

    [GeneratedRegex(@"^(\+1-\d{3}-555-01\d{2}|\(\d{3}\) 555-01\d{2})$")]
    private static partial Regex PhoneLayouts();
}

/// <summary>The Luhn check, written here from its definition: from the right, double every second digit.</summary>
internal static class Luhn
{
    public static bool IsValid(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return sum % 10 == 0;
    }
}
