namespace SignalFactory.Profiling.Pii;

/// <summary>
/// Checks that kill the false positives a regular expression alone lets through. A value counts for a pattern
/// only when the pattern's regex matches and its validator returns true.
/// </summary>
public static class PiiValidators
{
    public const string EmailStructureName = "email_structure";
    public const string PhoneDigitsName = "nanp_or_e164_digits";
    public const string SsnRulesName = "ssn_area_group_serial";
    public const string LuhnName = "luhn";
    public const string Ipv4OctetsName = "ipv4_octets";

    /// <summary>
    /// Local part without a leading, trailing or doubled dot; domain labels that neither start nor end with a
    /// dash; at most 254 characters in all (RFC 5321 limits).
    /// </summary>
    public static bool EmailStructure(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || value.Length > 254)
        {
            return false;
        }

        var local = value.AsSpan(0, at);
        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var label in value[(at + 1)..].Split('.'))
        {
            if (label.Length == 0 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Digit count of a phone number. With a leading <c>+</c>: E.164, 8 to 15 digits, no leading 0 (and a <c>+1</c>
    /// number must also be a valid NANP number). Without: a NANP number, 10 digits or 11 starting with 1, whose
    /// area code and exchange both start with 2–9. A 16-digit number is never a phone number.
    /// </summary>
    public static bool PhoneDigits(string value)
    {
        var digits = DigitsOf(value);
        if (value.StartsWith('+'))
        {
            if (digits.Length is < 8 or > 15 || digits[0] == '0')
            {
                return false;
            }

            return digits[0] != '1' || (digits.Length == 11 && IsNanp(digits[1..]));
        }

        return digits.Length switch
        {
            10 => IsNanp(digits),
            11 => digits[0] == '1' && IsNanp(digits[1..]),
            _ => false,
        };
    }

    /// <summary>
    /// Social Security Number rules: area not 000, 666 or 900–999; group not 00; serial not 0000; and not one of
    /// the numbers famously printed in advertising (078-05-1120, 219-09-9999).
    /// </summary>
    public static bool SsnRules(string value)
    {
        var digits = DigitsOf(value);
        if (digits.Length != 9)
        {
            return false;
        }

        var area = digits[..3];
        var group = digits[3..5];
        var serial = digits[5..];
        return area != "000" && area != "666" && area[0] != '9'
            && group != "00" && serial != "0000"
            && digits != "078051120" && digits != "219099999";
    }

    /// <summary>13 to 19 digits (spaces and dashes ignored), not all the same digit, passing the Luhn checksum.</summary>
    public static bool Luhn(string value)
    {
        var digits = DigitsOf(value);
        if (digits.Length is < 13 or > 19 || digits.All(c => c == digits[0]))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return sum % 10 == 0;
    }

    /// <summary>Four octets 0–255 written without leading zeros (<c>010</c> is refused: some parsers read it as octal).</summary>
    public static bool Ipv4Octets(string value)
    {
        var parts = value.Split('.');
        return parts.Length == 4 && parts.All(p =>
            p.Length is >= 1 and <= 3
            && p.All(char.IsAsciiDigit)
            && (p.Length == 1 || p[0] != '0')
            && int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) <= 255);
    }

    internal static bool Validate(string pattern, string value) => pattern switch
    {
        PiiPatterns.Email => EmailStructure(value),
        PiiPatterns.Phone => PhoneDigits(value),
        PiiPatterns.Ssn => SsnRules(value),
        PiiPatterns.CreditCard => Luhn(value),
        PiiPatterns.IpAddress => Ipv4Octets(value),
        _ => false,
    };

    private static bool IsNanp(string tenDigits) =>
        tenDigits.Length == 10 && tenDigits[0] is >= '2' and <= '9' && tenDigits[3] is >= '2' and <= '9';

    private static string DigitsOf(string value) => string.Concat(value.Where(char.IsAsciiDigit));
}
