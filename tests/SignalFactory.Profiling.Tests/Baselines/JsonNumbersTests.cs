using SignalFactory.Profiling.Baselines;

namespace SignalFactory.Profiling.Tests.Baselines;

public sealed class JsonNumbersTests
{
    [Theory]
    [InlineData(0.00001, "0.00001")]
    [InlineData(-0.00000025, "-0.00000025")]
    [InlineData(1.5e20, "150000000000000000000")]
    [InlineData(1.2345e-10, "0.00000000012345")]
    [InlineData(123.45, "123.45")]
    [InlineData(-0.0, "0")]
    [InlineData(2.0, "2")]
    public void Plain_ExpandsExponents(double value, string expected) => Assert.Equal(expected, JsonNumbers.Plain(value));

    [Theory]
    [InlineData(0.1234565, "0.123457")] // half away from zero is applied to the double nearest 0.1234565
    [InlineData(-0.0000001, "0")]
    [InlineData(0.9999999, "1")]
    [InlineData(0.5, "0.5")]
    public void Rounded_SixDecimals(double value, string expected) => Assert.Equal(expected, JsonNumbers.Rounded(value));

    [Fact]
    public void Plain_NaN_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => JsonNumbers.Plain(double.NaN));
}
