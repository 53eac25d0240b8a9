using SignalFactory.Profiling.Pii;

namespace SignalFactory.Profiling.Tests.Pii;

public sealed class PiiValidatorsTests
{
    [Theory]
    [InlineData("4111 1111 1111 1111", true)]
    [InlineData("4111111111111112", false)]
    [InlineData("0000000000000000", false)] // passes the checksum, but all one digit
    [InlineData("411111111111", false)]     // 12 digits
    [InlineData("41111111111111111111", false)] // 20 digits
    public void Luhn_Cases(string value, bool expected) => Assert.Equal(expected, PiiValidators.Luhn(value));

    [Theory]
    [InlineData("123-45-6789", true)]
    [InlineData("000-45-6789", false)]
    [InlineData("666-45-6789", false)]
    [InlineData("900-45-6789", false)]
    [InlineData("123-00-6789", false)]
    [InlineData("123-45-0000", false)]
    [InlineData("078-05-1120", false)]
    public void SsnRules_Cases(string value, bool expected) => Assert.Equal(expected, PiiValidators.SsnRules(value));

    [Theory]
    [InlineData("4155552671", true)]
    [InlineData("14155552671", true)]
    [InlineData("1155552671", false)]     // area code starts with 1
    [InlineData("4151552671", false)]     // exchange starts with 1
    [InlineData("24155552671", false)]    // 11 digits not starting with 1
    [InlineData("+44 20 7946 0958", true)]
    [InlineData("+1234567", false)]       // 7 digits
    [InlineData("+1234567890123456", false)] // 16 digits
    [InlineData("+0123456789", false)]
    [InlineData("+1 115 555 2671", false)] // +1 must be NANP
    public void PhoneDigits_Cases(string value, bool expected) => Assert.Equal(expected, PiiValidators.PhoneDigits(value));

    [Theory]
    [InlineData("192.168.1.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("256.1.1.1", false)]
    [InlineData("01.1.1.1", false)]
    [InlineData("1.1.1", false)]
    public void Ipv4Octets_Cases(string value, bool expected) => Assert.Equal(expected, PiiValidators.Ipv4Octets(value));

    [Theory]
    [InlineData("a.b@example.com", true)]
    [InlineData(".a@example.com", false)]
    [InlineData("a.@example.com", false)]
    [InlineData("a..b@example.com", false)]
    [InlineData("a@-example.com", false)]
    [InlineData("a@example-.com", false)]
    public void EmailStructure_Cases(string value, bool expected) => Assert.Equal(expected, PiiValidators.EmailStructure(value));
}
