using System.Text.RegularExpressions;

namespace SignalFactory.Profiling.Pii;

/// <summary>
/// The PII pattern names of LLD §4.4, each with the validator that a value must pass besides its regular
/// expression, and the order used to break a tie between patterns of equal confidence.
/// </summary>
public static class PiiPatterns
{
    public const string Email = "EMAIL";
    public const string Phone = "PHONE";
    public const string Ssn = "SSN";
    public const string CreditCard = "CREDIT_CARD";
    public const string IpAddress = "IP_ADDRESS";

    /// <summary>
    /// All patterns, most specific first; on equal confidence the earlier one wins (a checksum-validated card
    /// number says more than a digit count).
    /// </summary>
    public static IReadOnlyList<string> ByPriority { get; } = [CreditCard, Ssn, Email, IpAddress, Phone];

    /// <summary>The validator recorded for each pattern (see <see cref="PiiValidators"/>).</summary>
    public static string ValidatorOf(string pattern) => pattern switch
    {
        Email => PiiValidators.EmailStructureName,
        Phone => PiiValidators.PhoneDigitsName,
        Ssn => PiiValidators.SsnRulesName,
        CreditCard => PiiValidators.LuhnName,
        IpAddress => PiiValidators.Ipv4OctetsName,
        _ => throw new ArgumentOutOfRangeException(nameof(pattern), $"Unknown PII pattern '{pattern}'."),
    };
}

/// <summary>
/// The regular expressions, source-generated (compiled at build time) with a match timeout so that one
/// pathological value cannot hang a scan. They use <c>[0-9]</c>, not <c>\d</c>, which in .NET also matches
/// other scripts' digits. Each one checks shape only; <see cref="PiiValidators"/> checks meaning.
/// </summary>
internal static partial class PiiRegexes
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;
    private const int TimeoutMs = 100;

    /// <summary>local@domain.tld; the LLD character classes, with the domain split into dot-separated labels.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,63}$", Options, TimeoutMs)]
    public static partial Regex Email();

    /// <summary>
    /// A North American number — optional <c>+1</c>/<c>1</c>, area code optionally in parentheses, groups 3-3-4
    /// separated by nothing, a space, a dot or a dash — or an international number: <c>+</c> then digits with
    /// spaces, dots, dashes or parentheses.
    /// </summary>
    [GeneratedRegex(
        @"^((\+?1[ .-]?)?(\([0-9]{3}\)[ .-]?|[0-9]{3}[ .-]?)[0-9]{3}[ .-]?[0-9]{4}|\+[0-9][0-9 ().-]{6,20}[0-9])$",
        Options,
        TimeoutMs)]
    public static partial Regex Phone();

    /// <summary>AAA-GG-SSSS, or with spaces; the same separator twice (LLD: dashes).</summary>
    [GeneratedRegex(@"^[0-9]{3}(?<sep>[- ])[0-9]{2}\k<sep>[0-9]{4}$", Options, TimeoutMs)]
    public static partial Regex Ssn();

    /// <summary>13 to 19 digits, optionally grouped by single spaces or dashes.</summary>
    [GeneratedRegex(@"^[0-9]([ -]?[0-9]){12,18}$", Options, TimeoutMs)]
    public static partial Regex CreditCard();

    /// <summary>Four dot-separated groups of 1–3 digits.</summary>
    [GeneratedRegex(@"^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$", Options, TimeoutMs)]
    public static partial Regex IpAddress();

    public static Regex For(string pattern) => pattern switch
    {
        PiiPatterns.Email => Email(),
        PiiPatterns.Phone => Phone(),
        PiiPatterns.Ssn => Ssn(),
        PiiPatterns.CreditCard => CreditCard(),
        PiiPatterns.IpAddress => IpAddress(),
        _ => throw new ArgumentOutOfRangeException(nameof(pattern)),
    };
}
