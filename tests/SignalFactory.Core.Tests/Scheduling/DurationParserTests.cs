using SignalFactory.Core.Scheduling;

namespace SignalFactory.Core.Tests.Scheduling;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("30m", 30 * 60)]
    [InlineData("2h", 2 * 3600)]
    [InlineData("1h30m", 90 * 60)]
    [InlineData("45s", 45)]
    [InlineData("1d", 86400)]
    [InlineData("1d2h3m4s", 86400 + 7200 + 180 + 4)]
    [InlineData("0s", 0)]
    [InlineData("90m", 90 * 60)]
    [InlineData(" 15m ", 15 * 60)]
    public void TryParse_ValidDuration_ReturnsSeconds(string text, int expectedSeconds)
    {
        Assert.True(DurationParser.TryParse(text, out var duration, out var error), error);
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), duration);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("30", "has no unit")]
    [InlineData("m", "expected a number")]
    [InlineData("30 minutes", "unknown unit ' '")]
    [InlineData("1m1h", "largest first")]
    [InlineData("1h1h", "once each")]
    [InlineData("1.5h", "unknown unit '.'")]
    [InlineData("-1h", "expected a number")]
    [InlineData("30M", "unknown unit 'M'")]
    [InlineData("1w", "unknown unit 'w'")]
    [InlineData("9999999999d", "too large")]
    public void TryParse_InvalidDuration_FailsWithReason(string text, string expectedMessagePart)
    {
        Assert.False(DurationParser.TryParse(text, out _, out var error));
        Assert.Contains(expectedMessagePart, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseOrNull_Invalid_ReturnsNull()
    {
        Assert.Null(DurationParser.ParseOrNull("soon"));
        Assert.Equal(TimeSpan.FromHours(2), DurationParser.ParseOrNull("2h"));
    }

    [Fact]
    public void Parse_Invalid_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => DurationParser.Parse("2 hours"));
    }

    [Theory]
    [InlineData(90 * 60, "1h30m")]
    [InlineData(0, "0s")]
    [InlineData(86400, "1d")]
    [InlineData(86400 + 59, "1d59s")]
    [InlineData(45, "45s")]
    public void Format_Duration_WritesCompactForm(int seconds, string expected)
    {
        var text = DurationParser.Format(TimeSpan.FromSeconds(seconds));

        Assert.Equal(expected, text);
        Assert.Equal(TimeSpan.FromSeconds(seconds), DurationParser.Parse(text));
    }

    [Fact]
    public void Format_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DurationParser.Format(TimeSpan.FromSeconds(-1)));
    }
}
